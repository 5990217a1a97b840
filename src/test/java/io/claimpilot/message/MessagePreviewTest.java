package io.claimpilot.message;

import io.claimpilot.support.RulesFolderResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Analysts preview templates with a sample claim; a saved template is picked up, a broken save is not. */
@QuarkusTest
class MessagePreviewTest {

    @ConfigProperty(name = RulesFolderResource.PROPERTY)
    Path folder;
    @Inject
    MessageTemplates templates;

    private Path denied;
    private String original;

    @BeforeEach
    void remember() throws IOException {
        denied = folder.resolve("messages/en/denied.txt");
        original = Files.readString(denied);
    }

    @AfterEach
    void restore() throws IOException {
        Files.writeString(denied, original);
        templates.reload();
    }

    @Test
    void rendersATemplateInUseForALocaleWithTheSampleClaim() {
        as(ANALYST).body(Map.of("situation", "REFUND_ISSUED", "locale", "en-GB")).post("/api/messages/preview").then()
                .statusCode(200)
                .body("situation", equalTo("REFUND_ISSUED"))
                .body("language", equalTo("en"))
                .body("subject", equalTo("Your refund of €89.90 is on its way"))
                .body("body", startsWith("Hello Alice,\n\nGood news: we have just refunded €89.90 for your order 1001."));
        as(ANALYST).body(Map.of("situation", "acknowledgment")).post("/api/messages/preview").then()
                .statusCode(200).body("language", equalTo("fr")).body("body", containsString("dans les 3 jours ouvrés"));
    }

    @Test
    void theExchangeShippedTemplateIsPreviewedWithTheSampleReplacementAndItsTextMayUseIt() {
        as(ANALYST).body(Map.of("situation", "exchange-shipped", "locale", "en")).post("/api/messages/preview").then()
                .statusCode(200)
                .body("situation", equalTo("EXCHANGE_SHIPPED"))
                .body("subject", equalTo("Your exchange has been shipped"))
                .body("body", containsString("SHOE-42, the item you chose instead, has just left with UPS."))
                .body("body", containsString("tracking number 1Z999AA10123456784"));
        as(ANALYST).body(Map.of("situation", "EXCHANGE_SHIPPED", "locale", "fr",
                        "template", "Objet : {replacement} est parti\n\nSuivi : {trackingNumber}"))
                .post("/api/messages/preview").then().statusCode(200)
                .body("subject", equalTo("SHOE-42 est parti"));
    }

    @Test
    void rendersAPostedTemplateOrSaysWhereItIsWrong() {
        as(ANALYST).body(Map.of("locale", "fr", "template", "Objet : Suivi {trackingNumber}\n\nBonjour {customer.firstName}, colis {carrier ?: 'La Poste'}."))
                .post("/api/messages/preview").then().statusCode(200)
                .body("subject", equalTo("Suivi 1Z999AA10123456784"))
                .body("body", equalTo("Bonjour Alice, colis UPS."));

        as(ANALYST).body(Map.of("template", "Subject: Hi\n\nHello {customer.first_name},\nYour {refund}.\n"))
                .post("/api/messages/preview").then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Template has problems"))
                .body("field", equalTo("template"))
                .body("problems", hasSize(2))
                .body("problems[0].file", equalTo("template"))
                .body("problems[0].line", equalTo(3))
                .body("problems[0].severity", equalTo("ERROR"))
                .body("problems[0].message", containsString("customer.firstName"))
                .body("problems[1].line", equalTo(4));
    }

    @Test
    void badRequestsNameTheField() {
        as(ANALYST).body(Map.of()).post("/api/messages/preview").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("situation"));
        as(ANALYST).body(Map.of("situation", "THANK_YOU")).post("/api/messages/preview").then().statusCode(400)
                .body("field", equalTo("situation")).body("detail", containsString("REFUND_ISSUED"));
    }

    @Test
    void aSavedTemplateIsUsedAndABrokenSaveKeepsTheLastGoodOne() throws IOException {
        Files.writeString(denied, original.replace("Kind regards,", "Warm wishes from all of us,"));
        templates.reloadWhenChanged();
        assertThat(preview()).contains("Warm wishes from all of us,");

        Files.writeString(denied, original + "\nP.S. {customer.age}\n");
        templates.reloadWhenChanged();

        assertThat(preview()).contains("Warm wishes from all of us,").doesNotContain("P.S.");
        as(ANALYST).get("/api/messages/templates").then().statusCode(200)
                .body("languages", equalTo(List.of("en", "fr")))
                .body("problems", hasSize(1))
                .body("problems[0].file", equalTo("messages/en/denied.txt"))
                .body("problems[0].line", equalTo(original.split("\n", -1).length + 1));

        Files.writeString(denied, original);
        templates.reloadWhenChanged();
        assertThat(preview()).contains("Kind regards,");
        as(ANALYST).get("/api/messages/templates").then().body("problems", hasSize(0));
    }

    private static String preview() {
        return as(ANALYST).body(Map.of("situation", "DENIED", "locale", "en")).post("/api/messages/preview").then()
                .statusCode(200).extract().path("body");
    }
}
