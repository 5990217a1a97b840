package io.claimpilot.blocklist;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;

/** Whether a customer is on the blocklist; the match feeds the facts, the policy decides what it means. */
@ApplicationScoped
public class BlocklistService {

    public Optional<String> match(String customerId, String email) {
        Optional<BlocklistEntry> byId = customerId == null ? Optional.empty()
                : BlocklistEntry.find("kind = ?1 and value = ?2", BlocklistEntry.Kind.CUSTOMER_ID, customerId).firstResultOptional();
        if (byId.isPresent()) {
            return byId.map(entry -> entry.reason);
        }
        if (email == null) {
            return Optional.empty();
        }
        return BlocklistEntry.<BlocklistEntry>find("kind = ?1 and value = ?2", BlocklistEntry.Kind.EMAIL, normaliseEmail(email))
                .firstResultOptional().map(entry -> entry.reason);
    }

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
