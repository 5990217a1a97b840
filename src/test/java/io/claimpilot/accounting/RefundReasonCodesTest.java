package io.claimpilot.accounting;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.claimpilot.support.ProviderFakesResource;
import io.claimpilot.support.StripeFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reason code of rules/accounting.csv goes with every refund to Stripe, and once the refund is confirmed, the
 * credit note's number is added to the Stripe refund's metadata, where the accountant matches payouts.
 */
@QuarkusTest
@QuarkusTestResource(ProviderFakesResource.class)
class RefundReasonCodesTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;
    @ConfigProperty(name = "claimpilot.stripe.base-url")
    String stripeUrl;

    @Test
    void aStripeRefundCarriesTheReasonCodeAndThenItsCreditNote() {
        StripeFake fake = new StripeFake(stripeUrl, db);
        WireMock stripe = fake.wireMock();
        String id = fake.refundClaim("pi_" + uniqueId("rc"));
        String refundId = "re_" + id;
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(StripeFake.refund(refundId, "succeeded", 8990)));

        drain();

        List<LoggedRequest> created = fake.refundsAskedFor(id);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).formParameters().get("metadata[reason_code]").firstValue()).isEqualTo("ANNULATION");
        String note = db.strings("select number from credit_note where claim_id = ?1", id).get(0);
        List<LoggedRequest> updates = stripe.find(postRequestedFor(urlEqualTo("/v1/refunds/" + refundId)));
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).formParameters().get("metadata[credit_note]").firstValue()).isEqualTo(note);
        assertThat(updates.get(0).formParameters().get("metadata[reason_code]").firstValue()).isEqualTo("ANNULATION");
        assertThat(updates.get(0).formParameters().get("metadata[claim_id]").firstValue()).isEqualTo(id);
        assertThat(db.strings("select status from outbox where claim_id = ?1 and action = 'REFUND_REFERENCES'", id))
                .containsExactly("DONE");
    }

    @Test
    void aSandboxRefundGetsItsNoteWithoutAnyReferencesAction() {
        String id = io.claimpilot.support.Api.as(io.claimpilot.support.Api.SHOP)
                .body(io.claimpilot.support.Api.claim("DAMAGED", "30.00").fulfillment("DELIVERED")
                        .item(uniqueId("SKU"), 1, "30.00").photo().map())
                .post("/api/claims").then().statusCode(201).extract().path("id");

        drain();

        assertThat(db.count("select count(*) from credit_note where claim_id = ?1 and reason_code = 'AVARIE'", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND_REFERENCES'", id)).isZero();
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
