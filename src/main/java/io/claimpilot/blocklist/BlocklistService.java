package io.claimpilot.blocklist;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/** Whether a customer is on the blocklist; the match feeds the facts, the policy decides what it means. */
@ApplicationScoped
public class BlocklistService {

    /** The reason of the first blocklist entry matching the customer id, e-mail or normalised address. */
    public Optional<String> match(String customerId, String email, String addressKey) {
        return find(BlocklistEntry.Kind.CUSTOMER_ID, customerId)
                .or(() -> find(BlocklistEntry.Kind.EMAIL, email == null ? null : normaliseEmail(email)))
                .or(() -> find(BlocklistEntry.Kind.ADDRESS, addressKey))
                .map(entry -> entry.reason);
    }

    private static Optional<BlocklistEntry> find(BlocklistEntry.Kind kind, String value) {
        return value == null ? Optional.empty()
                : BlocklistEntry.<BlocklistEntry>find("kind = ?1 and value = ?2", kind, value).firstResultOptional();
    }

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
