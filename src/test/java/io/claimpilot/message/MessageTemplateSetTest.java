package io.claimpilot.message;

import io.claimpilot.action.MessageSituation;

import io.claimpilot.common.Money;
import io.claimpilot.policy.PolicyProblem;
import io.claimpilot.support.RulesFolderResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The shipped templates, the languages and formats they are written in, and the mistakes caught when they load. */
class MessageTemplateSetTest {

    private static final MessageValues ALICE = new MessageValues("Alice Martin", "cl_1", "1001", "Demo Shop",
            Money.of("89.90", "EUR"), Instant.parse("2026-11-28T04:09:31Z"), "1Z999AA10123456784", "UPS");

    @TempDir
    Path folder;

    @BeforeEach
    void copyShippedRules() {
        RulesFolderResource.copyFolder(Path.of("rules"), folder.resolve("rules"));
        folder = folder.resolve("rules");
    }

    @Test
    void theShippedTemplatesLoadWithoutAProblem() {
        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(folder);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.templates().languages()).containsExactly("en", "fr");
    }

    @Test
    void theFrenchAcknowledgmentSaysExactlyWhatTheShopPromises() {
        RenderedMessage message = shipped().render(MessageSituation.ACKNOWLEDGMENT, ALICE, "fr");

        assertThat(message.language()).isEqualTo("fr");
        assertThat(message.subject()).isEqualTo("Nous avons bien reçu votre demande");
        assertThat(message.body()).startsWith("Bonjour Alice,\n\n").contains("Merci pour votre message. Nous avons bien reçu "
                + "votre demande et procédons à l'analyse. Si votre commande n'a pas été expédiée, nous effectuerons le "
                + "remboursement dans les 3 jours ouvrés. Sinon, nous revenons vers vous rapidement avec une solution "
                + "d'échange ou de réexpédition.").endsWith("L'équipe Demo Shop");
    }

    @Test
    void theCustomersLocaleChoosesTheLanguageWithFrenchAsTheFallback() {
        assertThat(shipped().render(MessageSituation.ACKNOWLEDGMENT, ALICE, "en-GB").body())
                .startsWith("Hello Alice,").contains("within 3 working days");
        assertThat(shipped().render(MessageSituation.ACKNOWLEDGMENT, ALICE, "de-DE").language()).isEqualTo("fr");
        assertThat(shipped().render(MessageSituation.ACKNOWLEDGMENT, ALICE, null).language()).isEqualTo("fr");
        assertThat(shipped().render(MessageSituation.ACKNOWLEDGMENT, ALICE, "not a locale!").language()).isEqualTo("fr");
    }

    @Test
    void amountsAndDeadlinesAreWrittenTheWayTheCustomerReadsThem() {
        // French puts a (narrow) no-break space before the euro sign.
        assertThat(shipped().render(MessageSituation.REFUND_ISSUED, ALICE, "fr").subject())
                .matches("Votre remboursement de 89,90[\u00a0\u202f]€ est en route");
        assertThat(shipped().render(MessageSituation.REFUND_ISSUED, ALICE, "en-GB").subject())
                .isEqualTo("Your refund of €89.90 is on its way");
        assertThat(shipped().render(MessageSituation.PHOTO_REQUESTED, ALICE, "fr").body())
                .contains("avant le 28 novembre 2026").contains("répondre à ce message en joignant la photo");
        assertThat(shipped().render(MessageSituation.PHOTO_REQUESTED, ALICE, "en-GB").body())
                .contains("by 28 November 2026").contains("reply to this message with the photo attached");
        // With a link to the upload page, the message gives it first and keeps replying as the alternative.
        MessageValues withLink = new MessageValues("Alice Martin", "cl_1", "1001", "Demo Shop", null, null, null, null,
                "https://claims.example.com/claim/cl_1.1.sig/evidence");
        assertThat(shipped().render(MessageSituation.PHOTO_REQUESTED, withLink, "en").body())
                .contains("Send it from your phone or computer on this page: https://claims.example.com/claim/cl_1.1.sig/evidence")
                .contains("Or simply reply to this message with the photo attached");
        assertThat(shipped().render(MessageSituation.PHOTO_REQUESTED, withLink, "fr").body())
                .contains("sur cette page : https://claims.example.com/claim/cl_1.1.sig/evidence")
                .contains("Vous pouvez aussi répondre à ce message en joignant la photo");
        assertThat(shipped().render(MessageSituation.PHOTO_REQUESTED, ALICE, "en").body()).doesNotContain("this page");
        assertThat(MessageValues.formatAmount(Money.of("1500", "JPY"), java.util.Locale.forLanguageTag("en-US")))
                .isEqualTo("¥1,500");
    }

    @Test
    void theReshipmentMessageGivesTheTrackingNumberOnlyWhenThereIsOne() {
        assertThat(shipped().render(MessageSituation.RESHIPMENT_SHIPPED, ALICE, "en").body())
                .contains("has just left with UPS.").contains("tracking number 1Z999AA10123456784");
        MessageValues untracked = new MessageValues(null, "cl_1", "1001", "Demo Shop", null, null, null, null);
        RenderedMessage message = shipped().render(MessageSituation.RESHIPMENT_SHIPPED, untracked, "fr");
        assertThat(message.body()).startsWith("Bonjour,").contains("le colis vient de partir.")
                .doesNotContain("numéro").doesNotContain("\n\n\n");
    }

    @Test
    void theExchangeMessageNamesTheReplacementAndItsTrackingNumberInBothLanguages() {
        MessageValues exchange = new MessageValues("Alice Martin", "cl_1", "1001", "Demo Shop", null, null,
                "1Z999AA10123456784", "UPS", null, "SHOE-42");

        RenderedMessage english = shipped().render(MessageSituation.EXCHANGE_SHIPPED, exchange, "en");
        assertThat(english.subject()).isEqualTo("Your exchange has been shipped");
        assertThat(english.body()).startsWith("Hello Alice,")
                .contains("SHOE-42, the item you chose instead, has just left with UPS.")
                .contains("tracking number 1Z999AA10123456784")
                .doesNotContain("again");
        RenderedMessage french = shipped().render(MessageSituation.EXCHANGE_SHIPPED, exchange, "fr");
        assertThat(french.subject()).isEqualTo("Votre échange vient d'être expédié");
        assertThat(french.body()).contains("SHOE-42, l'article que vous avez choisi en échange, vient de partir avec UPS.")
                .contains("le numéro 1Z999AA10123456784");
        // Without a tracking number nor a replacement named, the message still reads well.
        MessageValues bare = new MessageValues(null, "cl_1", "1001", "Demo Shop", null, null, null, null);
        assertThat(shipped().render(MessageSituation.EXCHANGE_SHIPPED, bare, "en").body())
                .startsWith("Hello,").contains("the item you chose instead has just left.")
                .doesNotContain("tracking").doesNotContain("\n\n\n");
    }

    @Test
    void everySituationIsWrittenInBothLanguages() {
        for (MessageSituation situation : MessageSituation.values()) {
            for (String locale : new String[]{"fr", "en"}) {
                RenderedMessage message = shipped().render(situation, ALICE, locale);
                assertThat(message.subject()).as(situation + " " + locale).isNotBlank();
                assertThat(message.body()).as(situation + " " + locale).isNotBlank().doesNotContain("{");
            }
        }
    }

    @Test
    void aShopsFolderWrittenBeforeExchangesHadTheirShippedMessageStillLoadsAndUsesTheReshipmentText() throws IOException {
        Files.delete(folder.resolve("messages/fr/exchange-shipped.txt"));
        Files.delete(folder.resolve("messages/en/exchange-shipped.txt"));

        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(folder);

        assertThat(loaded.hasErrors()).isFalse();
        assertThat(loaded.problems()).extracting(PolicyProblem::file, PolicyProblem::severity).containsExactlyInAnyOrder(
                tuple("messages/fr/exchange-shipped.txt", PolicyProblem.Severity.WARNING),
                tuple("messages/en/exchange-shipped.txt", PolicyProblem.Severity.WARNING));
        assertThat(loaded.problems().get(0).message()).contains("reshipment-shipped.txt");
        assertThat(loaded.templates().render(MessageSituation.EXCHANGE_SHIPPED, ALICE, "en"))
                .isEqualTo(loaded.templates().render(MessageSituation.RESHIPMENT_SHIPPED, ALICE, "en"));
    }

    @Test
    void aMissingTemplateWithNothingToStandInIsStillAnError() throws IOException {
        Files.delete(folder.resolve("messages/fr/exchange-shipped.txt"));
        Files.delete(folder.resolve("messages/fr/reshipment-shipped.txt"));

        assertThat(MessageTemplateSet.load(folder).problems())
                .extracting(PolicyProblem::file, PolicyProblem::severity).containsExactlyInAnyOrder(
                        tuple("messages/fr/reshipment-shipped.txt", PolicyProblem.Severity.ERROR),
                        tuple("messages/fr/exchange-shipped.txt", PolicyProblem.Severity.ERROR));
    }

    @Test
    void anUnknownVariableIsRejectedWithItsFileAndLine() throws IOException {
        Files.writeString(folder.resolve("messages/fr/denied.txt"), "Objet : Réponse\n\nBonjour {customer.firstname},\n\n{refundAmount}\n");

        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(folder);

        assertThat(loaded.hasErrors()).isTrue();
        assertThat(loaded.problems()).extracting(PolicyProblem::file, PolicyProblem::line, PolicyProblem::severity)
                .containsExactly(tuple("messages/fr/denied.txt", 3, PolicyProblem.Severity.ERROR),
                        tuple("messages/fr/denied.txt", 5, PolicyProblem.Severity.ERROR));
        assertThat(loaded.problems().get(0).message()).contains("{customer.firstname}").contains("customer.firstName");
        assertThat(loaded.problems().get(1).message()).contains("no variable 'refundAmount'").contains("amount");
    }

    @Test
    void expressionsInsideSectionsAndDefaultsAreCheckedToo() throws IOException {
        Files.writeString(folder.resolve("messages/en/denied.txt"),
                "Subject: Hi\n{#if customer.age}\nyes\n{/if}\n{carrier ?: trackingNo}\n{amount.toUpperCase}\n{carrier ?: 'the post'}\n");

        assertThat(MessageTemplateSet.load(folder).problems()).extracting(PolicyProblem::line)
                .containsExactly(2, 5, 6);
    }

    @Test
    void aMissingSituationASyntaxErrorAndAMissingSubjectAreProblems() throws IOException {
        Files.delete(folder.resolve("messages/en/under-review.txt"));
        Files.writeString(folder.resolve("messages/fr/denied.txt"), "Objet : x\n\n{#if amount}\nnot closed\n");
        Files.writeString(folder.resolve("messages/fr/refund-issued.txt"), "Bonjour,\n\nRemboursé.\n");
        Files.writeString(folder.resolve("messages/fr/refund.txt"), "Objet : x\n");

        assertThat(MessageTemplateSet.load(folder).problems())
                .extracting(PolicyProblem::file, PolicyProblem::severity)
                .containsExactlyInAnyOrder(
                        tuple("messages/en/under-review.txt", PolicyProblem.Severity.ERROR),
                        tuple("messages/fr/denied.txt", PolicyProblem.Severity.ERROR),
                        tuple("messages/fr/refund-issued.txt", PolicyProblem.Severity.ERROR),
                        tuple("messages/fr/refund.txt", PolicyProblem.Severity.WARNING));
    }

    @Test
    void loopsAndIncludesAreNotAvailable() throws IOException {
        Files.writeString(folder.resolve("messages/en/denied.txt"), "Subject: Hi\n\n{#for i in 1000000}spam{/for}\n");

        assertThat(MessageTemplateSet.load(folder).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("messages/en/denied.txt");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).isEqualTo("The template cannot be read: only {#if} and {#when} can be used, "
                    + "not {#for i in 1000000}");
        });
    }

    @Test
    void aFileSavedOnWindowsReadsTheSame() throws IOException {
        String text = Files.readString(folder.resolve("messages/fr/under-review.txt"));
        Files.writeString(folder.resolve("messages/fr/under-review.txt"), "\uFEFF" + text.replace("\n", "\r\n"));

        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(folder);

        assertThat(loaded.problems()).isEmpty();
        RenderedMessage message = loaded.templates().render(MessageSituation.UNDER_REVIEW, ALICE, "fr");
        assertThat(message.subject()).isEqualTo("Votre demande est entre de bonnes mains");
        assertThat(message.body()).startsWith("Bonjour Alice,\n\nMerci").doesNotContain("\r");
    }

    @Test
    void withoutFrenchTemplatesThereIsNoFallback() throws IOException {
        RulesFolderResource.copyFolder(folder.resolve("messages/en"), folder.resolve("messages/es"));
        for (Path file : Files.list(folder.resolve("messages/fr")).toList()) {
            Files.delete(file);
        }
        Files.delete(folder.resolve("messages/fr"));

        assertThat(MessageTemplateSet.load(folder).problems()).extracting(PolicyProblem::file)
                .containsExactly("messages/fr/");
    }

    @Test
    void aFolderWithoutMessagesOnlyWarns() {
        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(folder.resolve("scenarios"));

        assertThat(loaded.hasErrors()).isFalse();
        assertThat(loaded.problems()).extracting(PolicyProblem::severity).containsExactly(PolicyProblem.Severity.WARNING);
        assertThat(loaded.templates().isEmpty()).isTrue();
    }

    private MessageTemplateSet shipped() {
        return MessageTemplateSet.load(folder).templates();
    }
}
