package io.claimpilot.blocklist;

import io.claimpilot.claim.Addresses;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Page;
import io.claimpilot.privacy.Pseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Locale;
import java.util.Optional;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** Whether a customer is on the blocklist; the match feeds the facts, the policy decides what it means. */
@ApplicationScoped
public class BlocklistService {

    @Inject
    Clock clock;
    @Inject
    Pseudonyms pseudonyms;

    public record NewEntry(BlocklistEntry.Kind kind, String value, String reason) {
    }

    public record EntryView(long id, BlocklistEntry.Kind kind, String value, String reason, String createdBy, Instant createdAt) {
        static EntryView of(BlocklistEntry entry) {
            return new EntryView(entry.id, entry.kind, entry.value, entry.reason, entry.createdBy, entry.createdAt);
        }
    }

    /** Adds an entry, stored normalised so it matches however the customer writes it. */
    @Transactional
    public EntryView add(NewEntry request, String actor) {
        List<ApiProblem.FieldViolation> violations = new ArrayList<>();
        if (request == null || request.kind() == null) {
            violations.add(new ApiProblem.FieldViolation("kind", "must be one of CUSTOMER_ID, EMAIL, ADDRESS"));
        }
        if (request == null || request.value() == null || request.value().isBlank() || request.value().length() > 500) {
            violations.add(new ApiProblem.FieldViolation("value", "is required, up to 500 characters"));
        }
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            violations.add(new ApiProblem.FieldViolation("reason", "is required: agents see it"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        String value = normalise(request.kind(), request.value());
        if (value == null) {
            throw ApiProblem.invalidField("value", "has no letters or digits");
        }
        if (BlocklistEntry.count("kind = ?1 and value in (?2, ?3)", request.kind(), value,
                pseudonyms.blocklistValue(request.kind().name(), value)) > 0) {
            throw ApiProblem.conflict(request.kind() + " '" + value + "' is already on the blocklist");
        }
        BlocklistEntry entry = new BlocklistEntry();
        entry.kind = request.kind();
        entry.value = value;
        entry.reason = request.reason().strip();
        entry.createdBy = actor;
        entry.createdAt = clock.instant();
        entry.persist();
        return EntryView.of(entry);
    }

    @Transactional
    public Page<EntryView> list(int page, int size) {
        Page.check(page, size);
        var query = BlocklistEntry.<BlocklistEntry>find("order by createdAt desc, id desc");
        return new Page<>(query.page(page, size).list().stream().map(EntryView::of).toList(), page, size, query.count());
    }

    @Transactional
    public void delete(long id) {
        if (!BlocklistEntry.deleteById(id)) {
            throw ApiProblem.notFound("Blocklist entry " + id);
        }
    }

    static String normalise(BlocklistEntry.Kind kind, String value) {
        return switch (kind) {
            case CUSTOMER_ID -> value.strip();
            case EMAIL -> normaliseEmail(value);
            case ADDRESS -> Addresses.key(value);
        };
    }

    /**
     * The reason of the first blocklist entry matching the customer id, e-mail or normalised address. An entry whose
     * customer was erased holds the pseudonym of its value instead (PrivacyService): it matches the same values.
     */
    public Optional<String> match(String customerId, String email, String addressKey) {
        return find(BlocklistEntry.Kind.CUSTOMER_ID, customerId)
                .or(() -> find(BlocklistEntry.Kind.EMAIL, email == null ? null : normaliseEmail(email)))
                .or(() -> find(BlocklistEntry.Kind.ADDRESS, addressKey))
                .map(entry -> entry.reason);
    }

    /**
     * The values a customer's entries may be stored under, per kind: the normalised value, and its pseudonym once an
     * erasure replaced it. Null values (no e-mail, no address) match nothing. For queries that look up the blocklist
     * together with other facts in one round trip (facts/HistoryFacts); {@link #match} is the same question alone.
     */
    public Map<BlocklistEntry.Kind, List<String>> lookupValues(String customerId, String email, String addressKey) {
        Map<BlocklistEntry.Kind, List<String>> values = new EnumMap<>(BlocklistEntry.Kind.class);
        values.put(BlocklistEntry.Kind.CUSTOMER_ID, candidates(BlocklistEntry.Kind.CUSTOMER_ID, customerId));
        values.put(BlocklistEntry.Kind.EMAIL, candidates(BlocklistEntry.Kind.EMAIL, email == null ? null : normaliseEmail(email)));
        values.put(BlocklistEntry.Kind.ADDRESS, candidates(BlocklistEntry.Kind.ADDRESS, addressKey));
        return values;
    }

    private List<String> candidates(BlocklistEntry.Kind kind, String value) {
        return value == null ? Arrays.asList(null, null) : List.of(value, pseudonyms.blocklistValue(kind.name(), value));
    }

    private Optional<BlocklistEntry> find(BlocklistEntry.Kind kind, String value) {
        return value == null ? Optional.empty()
                : BlocklistEntry.<BlocklistEntry>find("kind = ?1 and value in (?2, ?3) order by id", kind, value,
                        pseudonyms.blocklistValue(kind.name(), value)).firstResultOptional();
    }

    public static String normaliseEmail(String email) {
        return Addresses.email(email);
    }
}
