package io.claimpilot.console;

import io.claimpilot.support.ConsoleSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A queue longer than a page is paged, and the page links keep the filters. */
@QuarkusTest
class QueuePagingTest {

    private static final String AMOUNT = "233.89";

    @Test
    void everyClaimInALongQueueIsOnExactlyOnePage() {
        int count = QueuePage.PAGE_SIZE + 3;
        for (int i = 0; i < count; i++) {
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", AMOUNT).orderId(uniqueId("order")).totalPaid(AMOUNT).map())
                    .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW"));
        }
        Cookies agent = ConsoleSession.signIn("agent");

        String first = queue(agent, "/console/queue?min=" + AMOUNT + "&max=" + AMOUNT);
        assertThat(claimIds(first)).hasSize(QueuePage.PAGE_SIZE);
        assertThat(first).doesNotContain("id=\"page-previous\"").contains("Page 1 of 2");
        String next = href(first, "page-next");
        assertThat(next).contains("min=" + AMOUNT).contains("max=" + AMOUNT).contains("page=1");

        String second = queue(agent, next);
        assertThat(claimIds(second)).hasSize(3);
        assertThat(second).doesNotContain("id=\"page-next\"").contains("Page 2 of 2");
        assertThat(href(second, "page-previous")).contains("page=0");

        assertThat(claimIds(first)).doesNotContainAnyElementsOf(claimIds(second));
    }

    private static String queue(Cookies session, String path) {
        return given().cookies(session).header("Accept-Language", "en").redirects().follow(false)
                .get(path).then().statusCode(200).extract().asString();
    }

    private static List<String> claimIds(String html) {
        return Pattern.compile("data-claim=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    /** The link's target as a browser would follow it: Qute escapes the ampersands. */
    private static String href(String html, String id) {
        Matcher link = Pattern.compile("href=\"([^\"]+)\"[^>]*id=\"" + id + "\"").matcher(html);
        assertThat(link.find()).as("link " + id).isTrue();
        return link.group(1).replace("&amp;", "&");
    }
}
