package io.claimpilot.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature checks on their own, against values computed with openssl, and malformed headers. */
class WebhookSignaturesTest {

    private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void shopifyIsTheBase64HmacOfTheRawBody() {
        // HMAC-SHA256("{\"id\":1}", "secret"), computed independently with openssl.
        String header = "A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=";
        assertThat(WebhookSignatures.shopifyHeader(BODY, "secret")).isEqualTo(header);
        assertThat(WebhookSignatures.shopifyValid(BODY, header, List.of("secret"))).isTrue();
        assertThat(WebhookSignatures.shopifyValid(BODY, header, Arrays.asList(null, "", "secret"))).isTrue();
        assertThat(WebhookSignatures.shopifyValid(BODY, header, List.of("other"))).isFalse();
        assertThat(WebhookSignatures.shopifyValid(BODY, "not base64!", List.of("secret"))).isFalse();
        assertThat(WebhookSignatures.shopifyValid(BODY, null, List.of("secret"))).isFalse();
        assertThat(WebhookSignatures.shopifyValid(BODY, WebhookSignatures.shopifyHeader(BODY, "x"), Arrays.asList("", null))).isFalse();
    }

    @Test
    void timestampedHeadersAreParsedStrictly() {
        String valid = WebhookSignatures.timestampedHeader(BODY, "whsec_x", NOW);
        Duration tolerance = Duration.ofSeconds(300);
        assertThat(WebhookSignatures.timestampedValid(BODY, valid, "whsec_x", NOW, tolerance)).isTrue();
        assertThat(WebhookSignatures.timestampedValid(BODY, valid, "whsec_y", NOW, tolerance)).isFalse();
        assertThat(WebhookSignatures.timestampedValid(BODY, valid, "", NOW, tolerance)).isFalse();
        assertThat(WebhookSignatures.timestampedValid(BODY, valid.replace("t=", "t=x"), "whsec_x", NOW, tolerance)).isFalse();
        assertThat(WebhookSignatures.timestampedValid(BODY, valid.replace("v1=", "v0="), "whsec_x", NOW, tolerance)).isFalse();
        assertThat(WebhookSignatures.timestampedValid(BODY, valid, "whsec_x", NOW.plusSeconds(300), tolerance)).isTrue();
        assertThat(WebhookSignatures.timestampedValid(BODY, valid, "whsec_x", NOW.plusSeconds(301), tolerance)).isFalse();
        assertThat(WebhookSignatures.timestampedValid(BODY, "garbage", "whsec_x", NOW, tolerance)).isFalse();
    }

    @Test
    void tokensCompareWholeAndNeverMatchAnUnsetToken() {
        assertThat(WebhookSignatures.tokenValid("abc", "abc")).isTrue();
        assertThat(WebhookSignatures.tokenValid("abcd", "abc")).isFalse();
        assertThat(WebhookSignatures.tokenValid("", "")).isFalse();
        assertThat(WebhookSignatures.tokenValid(null, "abc")).isFalse();
    }

    @Test
    void zendeskIsTheBase64HmacOfTheTimestampFollowedByTheBodyWithinTheTolerance() {
        byte[] body = "{\"ticket_id\": \"4521\", \"rating\": \"good\", \"comment\": \"\"}".getBytes(StandardCharsets.UTF_8);
        String timestamp = "2026-11-30T10:15:00Z";
        Instant now = Instant.parse("2026-11-30T10:16:00Z");
        Duration tolerance = Duration.ofSeconds(300);
        // printf '%s%s' "$timestamp" "$body" | openssl dgst -sha256 -hmac whsec-zendesk-example -binary | base64
        String signature = "L+aZAuVffejBM9+EfMWsjRCYef2B6hdeAsQ0BfuMLo0=";
        assertThat(WebhookSignatures.zendeskSignature(body, timestamp, "whsec-zendesk-example")).isEqualTo(signature);
        assertThat(WebhookSignatures.zendeskValid(body, signature, timestamp, "whsec-zendesk-example", now, tolerance)).isTrue();
        assertThat(WebhookSignatures.zendeskValid(body, signature, timestamp, "other", now, tolerance)).isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, signature, timestamp, "", now, tolerance)).isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, signature, "2026-11-30T10:15:01Z", "whsec-zendesk-example", now, tolerance))
                .isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, signature, timestamp, "whsec-zendesk-example",
                now.plusSeconds(300), tolerance)).as("more than five minutes old").isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, signature, "1764497700", "whsec-zendesk-example", now, tolerance)).isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, "not base64!", timestamp, "whsec-zendesk-example", now, tolerance)).isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, null, timestamp, "whsec-zendesk-example", now, tolerance)).isFalse();
        assertThat(WebhookSignatures.zendeskValid(body, signature, null, "whsec-zendesk-example", now, tolerance)).isFalse();
    }
}
