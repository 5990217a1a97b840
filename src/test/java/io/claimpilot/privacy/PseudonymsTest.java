package io.claimpilot.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pseudonyms are keyed (HMAC-SHA256), and production refuses to start without a real key. */
class PseudonymsTest {

    private static final String KEY = "k3y-for-this-test-only-0123456789abcdef";

    @Test
    void aPseudonymIsTheHmacOfTheValueUnderTheKeyNotAPlainHash() throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms();
        pseudonyms.key = Optional.of(KEY);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("customer-id\0".getBytes(StandardCharsets.UTF_8));
        String expected = "anon_" + HexFormat.of().formatHex(mac.doFinal("cust-42".getBytes(StandardCharsets.UTF_8))).substring(0, 24);

        assertThat(pseudonyms.customerId("cust-42")).isEqualTo(expected).isEqualTo(pseudonyms.customerId("cust-42"));
        Pseudonyms otherKey = new Pseudonyms();
        otherKey.key = Optional.of(KEY + "-other");
        assertThat(otherKey.customerId("cust-42")).as("without the key nobody can recompute it").isNotEqualTo(expected);
        assertThat(pseudonyms.blocklistValue("EMAIL", "cust-42")).startsWith("pseudonym:")
                .doesNotContain(expected.substring(5)).isNotEqualTo(pseudonyms.blocklistValue("CUSTOMER_ID", "cust-42"));
    }

    @Test
    void productionRefusesAMissingShortOrPublishedKey() {
        for (Optional<String> key : List.of(Optional.<String>empty(), Optional.of(" "), Optional.of("too-short"),
                Optional.of("change-me-in-production"), Optional.of("demo-only-pseudonym-key-never-use-it-in-production"))) {
            assertThatThrownBy(() -> Pseudonyms.requireUsableKey(key, List.of("prod"))).as(key.toString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CLAIMPILOT_PRIVACY_PSEUDONYM_KEY")
                    .satisfies(e -> key.filter(value -> !value.isBlank())
                            .ifPresent(value -> assertThat(e.getMessage()).doesNotContain(value)));
        }
        assertThatCode(() -> Pseudonyms.requireUsableKey(Optional.of(KEY), List.of("prod"))).doesNotThrowAnyException();
    }

    @Test
    void theDemoDevAndTestProfilesAcceptTheirPublishedKey() {
        for (String profile : List.of("demo", "dev", "test")) {
            assertThatCode(() -> Pseudonyms.requireUsableKey(Optional.of("demo-only-pseudonym-key-never-use-it-in-production"),
                    List.of(profile))).doesNotThrowAnyException();
        }
    }
}
