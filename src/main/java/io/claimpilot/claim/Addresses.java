package io.claimpilot.claim;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalised contact details, so "12, Rue de la Paix" and "12 rue de la paix" are the same place, and
 * "Alice@Example.com" the same mailbox as "alice@example.com", for velocity checks and the blocklist.
 */
public final class Addresses {

    private Addresses() {
    }

    public static String email(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public static String key(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String withoutAccents = Normalizer.normalize(address, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String key = withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]+", " ").strip();
        return key.isEmpty() ? null : key;
    }
}
