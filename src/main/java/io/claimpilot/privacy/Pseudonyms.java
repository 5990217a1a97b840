package io.claimpilot.privacy;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pseudonyms are an HMAC-SHA256 under a secret key ({@code claimpilot.privacy.pseudonym-key}, from the environment):
 * the same value always gives the same pseudonym, so an erased customer's totals still add up and an erased blocklist
 * entry still blocks, but nobody without the key can test a guessed e-mail or customer id against them. Outside
 * the demo, dev and test profiles the service refuses to start without a real key.
 */
@ApplicationScoped
public class Pseudonyms {

    static final int MIN_KEY_LENGTH = 32;
    /** Profiles that ship a published key: anything else is production. */
    static final Set<String> PROFILES_WITH_A_PUBLISHED_KEY = Set.of("demo", "dev", "test");
    /** Keys that are public (this repository's configuration, or the old salt's placeholder): never good enough. */
    static final List<String> PUBLISHED_KEYS = List.of("demo-only-pseudonym-key-never-use-it-in-production",
            "change-me-in-production");

    private static final String ALGORITHM = "HmacSHA256";

    @ConfigProperty(name = "claimpilot.privacy.pseudonym-key")
    Optional<String> key;

    void onStart(@Observes StartupEvent event) {
        requireUsableKey(key, ConfigUtils.getProfiles());
    }

    /** Throws unless the key is usable in these profiles; the message never shows the key. */
    static void requireUsableKey(Optional<String> key, Collection<String> profiles) {
        if (profiles.stream().anyMatch(PROFILES_WITH_A_PUBLISHED_KEY::contains)) {
            if (key.filter(value -> !value.isBlank()).isEmpty()) {
                throw new IllegalStateException("claimpilot.privacy.pseudonym-key is not set");
            }
            return;
        }
        String problem = key.filter(value -> !value.isBlank()).isEmpty() ? "is not set"
                : key.get().length() < MIN_KEY_LENGTH ? "is shorter than " + MIN_KEY_LENGTH + " characters"
                : PUBLISHED_KEYS.contains(key.get()) ? "is a published demo value"
                : null;
        if (problem != null) {
            throw new IllegalStateException("The pseudonym key " + problem + ": set CLAIMPILOT_PRIVACY_PSEUDONYM_KEY to a secret"
                    + " of at least " + MIN_KEY_LENGTH + " random characters (profiles " + profiles + ", launch mode "
                    + LaunchMode.current() + "; README, \"Privacy\")");
        }
    }

    /** The pseudonymous customer id that replaces an erased one. */
    public String customerId(String customerId) {
        return "anon_" + hmac("customer-id", customerId).substring(0, 24);
    }

    /**
     * What an erased blocklist value becomes: the HMAC of its kind and normalised value, which the blocklist compares
     * with the HMAC of each new claim's value, so the entry keeps blocking without holding the value.
     */
    public String blocklistValue(String kind, String normalisedValue) {
        return "pseudonym:" + hmac("blocklist:" + kind, normalisedValue);
    }

    private String hmac(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.orElseThrow(() -> new IllegalStateException("claimpilot.privacy.pseudonym-key is not set"))
                    .getBytes(StandardCharsets.UTF_8), ALGORITHM));
            // The purpose keeps a customer id's pseudonym apart from the same text's blocklist pseudonym.
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
