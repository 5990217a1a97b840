package io.claimpilot.claimform;

import io.claimpilot.support.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static io.claimpilot.claimform.ClaimLinkFixtures.link;
import static io.claimpilot.claimform.ClaimLinkFixtures.linkBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The customer form in Chromium at a phone's size (390 × 844 CSS pixels, an iPhone 14), without any JavaScript of ours. */
@QuarkusTest
class CustomerFormBrowserTest extends BrowserTest {

    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    private WebDriver phone() {
        WebDriver driver = browser("en");
        driver.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
        return driver;
    }

    @Test
    void aCustomerReportsADamagedVaseWithAPhotoFromTheirPhoneAndReadsTheRefund() throws IOException {
        String token = link(linkBody("en-GB", 0));
        WebDriver driver = phone();
        open(driver, "/claim/" + token);
        // Nothing is wider than the phone: no sideways scrolling.
        assertThat(((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(PHONE_WIDTH);

        new Select(byId(driver, "quantity-0")).selectByValue("1");
        byId(driver, "reason-DAMAGED").click();
        Path photo = Files.createTempFile("vase-", ".jpg");
        try {
            Files.write(photo, ClaimLinkFixtures.jpegBytes());
            byId(driver, "photos").sendKeys(photo.toAbsolutePath().toString());
            byId(driver, "description").sendKeys("The vase arrived cracked.");
            phoneScreenshot(driver, "claim-form-phone");
            clickAndLoad(driver, "send");
        } finally {
            Files.deleteIfExists(photo);
        }

        assertThat(text(driver, "outcome")).isEqualTo("Your refund of €24.90 is on its way.");
        assertThat(driver.getCurrentUrl()).endsWith("/claim/" + token + "/done?lang=en");
        phoneScreenshot(driver, "claim-confirmation-phone");
    }

    @Test
    void aCustomerReportsAParcelNotReceivedWithTheKeyboardOnlyAndIsToldAPersonWillLook() {
        String token = link(linkBody("fr", 1));
        WebDriver driver = phone();
        open(driver, "/claim/" + token);

        // The first tab stop is the language switch; then the form in reading order.
        tab(driver, "a");
        tab(driver, "quantity-0");
        tab(driver, "quantity-1");
        keys(driver, Keys.ARROW_DOWN);
        tab(driver, "reason-DAMAGED");
        keys(driver, Keys.ARROW_DOWN);
        keys(driver, Keys.ARROW_DOWN);
        assertThat(active(driver)).isEqualTo("reason-NOT_RECEIVED");
        tab(driver, "photos");
        tab(driver, "notWithNeighbour");
        keys(driver, Keys.SPACE);
        tab(driver, "description");
        keys(driver, "Le colis n'est jamais arrivé.");
        tab(driver, "send");
        WebDriverPage.submitWithEnter(driver);

        assertThat(text(driver, "outcome")).isEqualTo(
                "Nous avons demandé à une personne d'examiner votre demande ; vous aurez de nos nouvelles sous 24 h.");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
    }

    /** Tab to the next stop, which must be the element with this id (or of this tag). */
    private static void tab(WebDriver driver, String expected) {
        keys(driver, Keys.TAB);
        assertThat(expected.equals("a") ? driver.switchTo().activeElement().getTagName() : active(driver)).isEqualTo(expected);
    }

    private static String active(WebDriver driver) {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    private static void keys(WebDriver driver, CharSequence keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Pressing Enter on the focused submit button, then waiting for the next page, as clickAndLoad does for a click. */
    private static final class WebDriverPage {
        static void submitWithEnter(WebDriver driver) {
            var oldPage = driver.findElement(By.tagName("html"));
            keys(driver, Keys.ENTER);
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(60)).until(d -> {
                try {
                    oldPage.isEnabled();
                    return false;
                } catch (org.openqa.selenium.WebDriverException gone) {
                    return true;
                }
            });
        }
    }

    /** The whole page at the phone's width, saved as target/screenshots/{name}.png. */
    private static void phoneScreenshot(WebDriver driver, String name) {
        try {
            Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
            // The window's height counts its own frame too: a margin, so the whole page shows from the top.
            driver.manage().window().setSize(new Dimension(PHONE_WIDTH, Math.max(PHONE_HEIGHT, height.intValue() + 150)));
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
