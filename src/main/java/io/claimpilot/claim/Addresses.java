package io.claimpilot.claim;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalised shipping addresses, so "12, Rue de la Paix" and "12 rue de la paix" are the same place for
 * velocity checks and the blocklist, whatever account the claim comes from.
 */
public final class Addresses {

    private Addresses() {
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
