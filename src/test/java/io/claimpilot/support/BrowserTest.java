package io.claimpilot.support;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the console's browser tests: a real headless Chromium (Debian's chromium and chromium-driver, so Selenium
 * downloads nothing) against the @QuarkusTest application on 127.0.0.1. Subclasses are @QuarkusTest classes; each
 * {@link #browser()} call opens a fresh browser with its own profile (its own cookies: another person), closed
 * after the test. Screenshots go to target/screenshots/.
 */
public abstract class BrowserTest {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    private final List<WebDriver> opened = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /** A new browser, in English unless a test asks for another language. */
    protected WebDriver browser() {
        return browser("en");
    }

    protected WebDriver browser(String language) {
        try {
            Path profile = Files.createTempDirectory("claimpilot-chromium-");
            profiles.add(profile);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,1000",
                    "--lang=" + language, "--user-data-dir=" + profile.toAbsolutePath());
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            opened.add(driver);
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An absolute URL on the application under test. */
    protected String url(String path) {
        String root = base.toString().replaceAll("/$", "");
        return root + path;
    }

    protected void open(WebDriver driver, String path) {
        driver.get(url(path));
    }

    /** Signs in through the login form, as a person would, and waits for the landing page. */
    protected void signIn(WebDriver driver, String username) {
        signIn(driver, username, DemoUsersForTests.password(username));
    }

    protected void signIn(WebDriver driver, String username, String password) {
        open(driver, "/console/login");
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(password);
        clickAndLoad(driver, driver.findElement(By.id("sign-in")));
    }

    /**
     * Clicks something that loads a new page (a submit button, a link) and returns once the new page replaced the
     * old one: Selenium's click does not wait for a form post's response.
     */
    protected static void clickAndLoad(WebDriver driver, WebElement element) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(oldPage));
    }

    protected static void clickAndLoad(WebDriver driver, String id) {
        clickAndLoad(driver, driver.findElement(By.id(id)));
    }

    protected static WebElement byId(WebDriver driver, String id) {
        return driver.findElement(By.id(id));
    }

    protected static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Saves the whole page (the window grown to its height) as target/screenshots/{name}.png and returns the file. */
    protected static Path screenshot(WebDriver driver, String name) {
        try {
            Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, Math.max(1000, height.intValue() + 100)));
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeBrowsers() {
        opened.forEach(WebDriver::quit);
        opened.clear();
        for (Path profile : profiles) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temp folder left behind is harmless.
            }
        }
        profiles.clear();
    }
}
