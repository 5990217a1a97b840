package io.claimpilot.privacy;

import io.claimpilot.claim.Addresses;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.photo.ClaimPhoto;
import io.claimpilot.photo.ClaimPhotos;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Erases a customer's personal data, on request (by customer id or by e-mail) or after the retention period, from
 * every place it is stored: the claims and their JSON, evidence, decisions (facts, reasons, agents' notes), the
 * audit texts, review tasks, events and resolutions, outbox payloads and results, the messages sent, the sandbox's
 * call records, the raw webhook bodies and the blocklist. Amounts, reasons, decisions and audit rows stay for
 * accounting, under a pseudonymous id that is the same for every claim of the customer, so totals per customer
 * still add up. A blocklist entry becomes a pseudonym of its value, which still blocks (see {@link Pseudonyms}).
 *
 * <p>The free texts are cleaned of the customer's own values (id, e-mail, name and its parts, address lines, evidence
 * links, tracking numbers) by the database functions of V16. Values shorter than {@value #MIN_VALUE_LENGTH} characters
 * are not searched for in free text: "42" or "Li" would also hit amounts and words that are not about the customer.
 *
 * <p>The audit table is append-only for the service's role. Its texts change through one SECURITY DEFINER function,
 * {@code erase_claim_audit_personal_data}, which can only rewrite texts and always adds an audit row for the
 * erasure itself.
 */
@ApplicationScoped
public class PrivacyService {

    private static final Logger LOG = Logger.getLogger(PrivacyService.class);
    static final int MIN_VALUE_LENGTH = 4;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String ERASED_WEBHOOK_BODY = "{\"erased\":\"personal data erased\"}";

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    ClaimPhotos photos;

    /** What an erasure of one customer did. */
    public record Erasure(String pseudonym, int claims, int webhookDeliveries, int blocklistEntries) {
    }

    /** What an erasure by e-mail did: one pseudonym per customer id that used the address. */
    public record EmailErasure(List<String> pseudonyms, int claims, int webhookDeliveries, int blocklistEntries) {
    }

    /** The body of {@code POST /api/customers/erase}. */
    public record ByEmail(String email) {
    }

    @Transactional
    public Erasure eraseCustomer(String customerId, String actor) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiProblem.invalidField("id", "is required");
        }
        String pseudonym = pseudonyms.customerId(customerId);
        Outcome outcome = work(connection -> {
            Outcome erased = eraseClaims(connection, customerId, pseudonym, null, List.of(), actor, "Personal data erased on request");
            return erased.plus(eraseElsewhere(connection, erased.identifying(customerId, List.of()),
                    erased.blocklistKeys(customerId, List.of()), erased.personalValues()));
        });
        if (outcome.isEmpty() && count("select count(*) from claim where customer_id = ?1", pseudonym) == 0) {
            throw ApiProblem.notFound("Customer " + customerId);
        }
        LOG.infof("Erased the personal data of %d claim(s), %d webhook deliveries and %d blocklist entries under pseudonym %s",
                outcome.claims, outcome.webhookDeliveries, outcome.blocklistEntries, pseudonym);
        return new Erasure(pseudonym, outcome.claims, outcome.webhookDeliveries, outcome.blocklistEntries);
    }

    /** Erases every customer who used this e-mail address, and every other copy of the address. */
    @Transactional
    public EmailErasure eraseByEmail(ByEmail request, String actor) {
        String email = request == null || request.email() == null ? null : request.email().strip();
        if (email == null || email.isEmpty() || email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw ApiProblem.invalidField("email", "must be an e-mail address");
        }
        String normalised = Addresses.email(email);
        List<String> customerIds = strings("select distinct customer_id from claim where lower(customer_email) = ?1"
                + " and erased_at is null order by customer_id", normalised);
        List<String> names = new ArrayList<>();
        Outcome outcome = work(connection -> {
            Outcome total = Outcome.NOTHING;
            Set<String> identifying = new LinkedHashSet<>(List.of(normalised));
            Set<String> personal = new LinkedHashSet<>(List.of(normalised));
            List<BlocklistKey> blocked = new ArrayList<>(List.of(new BlocklistKey("EMAIL", normalised)));
            for (String customerId : customerIds) {
                String pseudonym = pseudonyms.customerId(customerId);
                names.add(pseudonym);
                Outcome erased = eraseClaims(connection, customerId, pseudonym, null, List.of(normalised), actor,
                        "Personal data erased on request (by e-mail)");
                total = total.plus(erased);
                identifying.addAll(erased.identifying(customerId, List.of(normalised)));
                blocked.addAll(erased.blocklistKeys(customerId, List.of()));
                personal.addAll(erased.personalValues());
            }
            return total.plus(eraseElsewhere(connection, identifying, blocked, List.copyOf(personal)));
        });
        if (outcome.isEmpty()) {
            throw ApiProblem.notFound("Personal data for this e-mail address");
        }
        LOG.infof("Erased by e-mail the personal data of %d claim(s), %d webhook deliveries and %d blocklist entries under"
                + " pseudonym(s) %s", outcome.claims, outcome.webhookDeliveries, outcome.blocklistEntries, names);
        return new EmailErasure(List.copyOf(names), outcome.claims, outcome.webhookDeliveries, outcome.blocklistEntries);
    }

    /**
     * Erases the personal data of every claim created before the cutoff; returns how many claims. Raw webhook bodies
     * are not searched: they are deleted after claimpilot.webhooks.keep-for (30 days), long before the retention period.
     */
    @Transactional
    public int eraseOlderThan(Instant cutoff) {
        List<String> customers = strings("select distinct customer_id from claim where created_at < ?1 and erased_at is null", cutoff);
        return work(connection -> {
            Outcome total = Outcome.NOTHING;
            for (String customerId : customers) {
                total = total.plus(eraseClaims(connection, customerId, pseudonyms.customerId(customerId), cutoff, List.of(),
                        "retention", "Personal data erased after the retention period"));
            }
            return total;
        }).claims;
    }

    // --- The erasure itself --------------------------------------------------------------------------------------------

    /** What an erasure found and changed; the values are what the next steps look for elsewhere. */
    private record Outcome(int claims, int webhookDeliveries, int blocklistEntries, List<String> emails, List<String> addressKeys,
                           List<String> personalValues) {

        static final Outcome NOTHING = new Outcome(0, 0, 0, List.of(), List.of(), List.of());

        boolean isEmpty() {
            return claims == 0 && webhookDeliveries == 0 && blocklistEntries == 0;
        }

        Outcome plus(Outcome other) {
            return new Outcome(claims + other.claims, webhookDeliveries + other.webhookDeliveries,
                    blocklistEntries + other.blocklistEntries, union(emails, other.emails), union(addressKeys, other.addressKeys),
                    union(personalValues, other.personalValues));
        }

        /** The exact values that name the customer in someone else's JSON: their id and e-mails, lower case. */
        Set<String> identifying(String customerId, List<String> moreEmails) {
            Set<String> values = new LinkedHashSet<>();
            values.add(customerId.toLowerCase(Locale.ROOT));
            emails.forEach(email -> values.add(email.toLowerCase(Locale.ROOT)));
            moreEmails.forEach(email -> values.add(email.toLowerCase(Locale.ROOT)));
            return values;
        }

        List<BlocklistKey> blocklistKeys(String customerId, List<String> moreEmails) {
            List<BlocklistKey> keys = new ArrayList<>();
            keys.add(new BlocklistKey("CUSTOMER_ID", customerId.strip()));
            union(emails, moreEmails).forEach(email -> keys.add(new BlocklistKey("EMAIL", Addresses.email(email))));
            addressKeys.forEach(key -> keys.add(new BlocklistKey("ADDRESS", key)));
            return keys;
        }

        private static List<String> union(List<String> a, List<String> b) {
            Set<String> all = new LinkedHashSet<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }
    }

    private record BlocklistKey(String kind, String value) {
    }

    /**
     * Erases the customer's claims (those created before {@code createdBefore} when given) and everything stored
     * per claim: evidence and photos, decisions, audit texts (plus an audit row for the erasure), review rows, outbox, sandbox
     * calls, and, through the V8 trigger on claim.erased_at, the messages sent.
     */
    private Outcome eraseClaims(Connection connection, String customerId, String pseudonym, Instant createdBefore,
                                List<String> moreEmails, String actor, String why) throws SQLException {
        List<String> claimIds = new ArrayList<>();
        Set<String> emails = new LinkedHashSet<>(moreEmails);
        Set<String> addressKeys = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>(moreEmails);
        values.add(customerId);
        try (PreparedStatement select = connection.prepareStatement("select id, customer_email, customer_name, shipping_address,"
                + " address_key, ship_to ->> 'line1', ship_to ->> 'line2', ship_to ->> 'postalCode', ship_to ->> 'city'"
                + " from claim where customer_id = ? and erased_at is null and (cast(? as timestamptz) is null or created_at < ?)"
                + " for update")) {
            select.setString(1, customerId);
            Timestamp before = createdBefore == null ? null : Timestamp.from(createdBefore);
            select.setTimestamp(2, before);
            select.setTimestamp(3, before);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claimIds.add(rows.getString(1));
                    addIfSet(emails, rows.getString(2));
                    for (int column = 2; column <= 9; column++) {
                        addIfSet(values, rows.getString(column));
                    }
                    addIfSet(addressKeys, rows.getString(5));
                    String name = rows.getString(3);
                    if (name != null) {
                        values.addAll(List.of(name.split("\\s+")));
                    }
                }
            }
        }
        // Claim links the customer has not used (or not yet): their facts name the customer too.
        try (PreparedStatement links = connection.prepareStatement("update claim_link set facts = null"
                + " where claim_id is null and facts -> 'customer' ->> 'id' = ?"
                + " and (cast(? as timestamptz) is null or created_at < ?)")) {
            links.setString(1, customerId);
            Timestamp before = createdBefore == null ? null : Timestamp.from(createdBefore);
            links.setTimestamp(2, before);
            links.setTimestamp(3, before);
            links.executeUpdate();
        }
        if (claimIds.isEmpty()) {
            return new Outcome(0, 0, 0, List.copyOf(emails), List.of(), searchable(values));
        }
        Array ids = connection.createArrayOf("text", claimIds.toArray());
        try (PreparedStatement evidence = connection.prepareStatement(
                "select url, tracking_number from evidence where claim_id = any (?)")) {
            evidence.setArray(1, ids);
            try (ResultSet rows = evidence.executeQuery()) {
                while (rows.next()) {
                    addIfSet(values, rows.getString(1));
                    addIfSet(values, rows.getString(2));
                }
            }
        }
        List<String> personalValues = searchable(values);
        Array personal = connection.createArrayOf("text", personalValues.toArray());

        update(connection, "update evidence set url = null, tracking_number = null where claim_id = any (?)", ids);
        // Photos show the customer's home, face or parcel label: they go whole (the evidence rows keep their type). Those
        // in a bucket are deleted there first: if the bucket fails, the whole erasure rolls back and can be retried.
        photos.deleteStoredBytes(photosOutsideTheDatabase(connection, ids));
        update(connection, "delete from claim_photo where claim_id = any (?)", ids);
        // The claim link that made the claim holds the order's facts (name, e-mail, address).
        update(connection, "update claim_link set facts = null where claim_id = any (?)", ids);
        // Actions still to run keep their payload (they carry no contact data: a reshipment reads the address from the
        // claim when it runs); finished ones are cleaned. Tracking numbers go everywhere: they lead to the address.
        // Outbound events not sent yet are cleaned too: their claim snapshot may hold the customer's contact data and
        // their own words from the form (a subscription that asked for it), and the receiver must not get what was erased.
        update(connection, "update outbox set payload = case when status in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION')"
                + " and action <> 'EVENT_DELIVERY'"
                + " then payload - 'trackingNumber'"
                + " else erase_personal_values((payload - 'trackingNumber') #- '{data,customerDescription}', ?) end,"
                + " result = erase_personal_values(result - 'trackingNumber', ?), last_error = erase_personal_values(last_error, ?)"
                + " where claim_id = any (?)", personal, personal, personal, ids);
        update(connection, "update decision set facts = case when facts is null then null"
                + " else jsonb_set(erase_personal_values(facts, ?), '{customerId}', to_jsonb(cast(? as text))) end,"
                + " reasons = erase_personal_values(reasons, ?), note = erase_personal_values(note, ?) where claim_id = any (?)",
                personal, pseudonym, personal, personal, ids);
        update(connection, "update review_task set reason = erase_personal_values(reason, ?), note = erase_personal_values(note, ?),"
                + " proposed_note = erase_personal_values(proposed_note, ?) where claim_id = any (?)", personal, personal, personal, ids);
        update(connection, "update review_event set detail = erase_personal_values(detail, ?) where claim_id = any (?)", personal, ids);
        update(connection, "update review_resolution set note = erase_personal_values(note, ?) where claim_id = any (?)", personal, ids);
        update(connection, "update sandbox_call set request = erase_personal_values(request, ?),"
                + " response = erase_personal_values(response, ?) where claim_id = any (?)", personal, personal, ids);
        update(connection, "update customer_message set subject = erase_personal_values(subject, ?),"
                + " body = erase_personal_values(body, ?) where claim_id = any (?)", personal, personal, ids);
        try (PreparedStatement audit = connection.prepareStatement("select erase_claim_audit_personal_data(?, ?, ?, ?, ?)")) {
            audit.setArray(1, ids);
            audit.setArray(2, personal);
            audit.setString(3, actor);
            audit.setString(4, why);
            audit.setTimestamp(5, Timestamp.from(clock.instant()));
            audit.execute();
        }
        int surveys = eraseSurveyDeliveries(connection, ids);
        // Credit notes keep their numbers and amounts, which the law requires; the customer on them becomes the same
        // pseudonym as on the claims, so the journal's customer accounts still add up. The V22 trigger lets exactly
        // this change through, once per note.
        update(connection, "update credit_note set customer_id = ?, customer_name = ?, erased_at = ?"
                + " where claim_id = any (?) and erased_at is null", pseudonym, pseudonym, Timestamp.from(clock.instant()), ids);
        // Last: setting erased_at fires the V8 trigger that blanks the messages sent and the helpdesk posts, and the
        // V17 trigger that blanks the CSAT comments and the agents' notes on the claims' decisions.
        // The customer's own words from the form go whole, like the link's facts: free text typed by the customer may
        // name anyone and anything, which no search for their known values would find.
        int claims = update(connection, "update claim set customer_id = ?, customer_email = null, customer_name = null,"
                + " shipping_address = null, ship_to = null, address_key = null, customer_description = null,"
                + " items = erase_personal_values(items, ?),"
                + " erased_at = ? where id = any (?)", pseudonym, personal, Timestamp.from(clock.instant()), ids);
        return new Outcome(claims, surveys, 0, List.copyOf(emails), List.copyOf(addressKeys), personalValues);
    }

    private static List<ClaimPhoto> photosOutsideTheDatabase(Connection connection, Array claimIds) throws SQLException {
        List<ClaimPhoto> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id, claim_id, storage, storage_ref, sha256"
                + " from claim_photo where claim_id = any (?) and storage <> 'postgresql'")) {
            select.setArray(1, claimIds);
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    ClaimPhoto row = new ClaimPhoto();
                    row.id = found.getString(1);
                    row.claimId = found.getString(2);
                    row.storage = found.getString(3);
                    row.storageRef = found.getString(4);
                    row.sha256 = found.getString(5);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * Helpdesk satisfaction surveys and replies (Zendesk, Gorgias) name the ticket, never the customer, so no search for the
     * customer's values finds them; yet their raw bodies hold the customer's comment or reply. They are found through the claims'
     * tickets, by the exact {@code ticket_id} of the body (read as JSON here: a text search for a short ticket number
     * would hit other customers' deliveries), and replaced like any delivery that names the customer.
     */
    private int eraseSurveyDeliveries(Connection connection, Array claimIds) throws SQLException {
        Set<String> tickets = new LinkedHashSet<>();
        // The ticket a claim came with (helpdeskTicketId) counts too: the customer may have replied in it before
        // ClaimPilot first wrote there.
        try (PreparedStatement select = connection.prepareStatement("select provider || ':' || ticket_id from helpdesk_ticket"
                + " where claim_id = any (?) and provider in ('zendesk', 'gorgias')"
                + " union select helpdesk.provider || ':' || claim.helpdesk_ticket_id from claim"
                + " cross join (values ('zendesk'), ('gorgias')) as helpdesk (provider)"
                + " where claim.id = any (?) and claim.helpdesk_ticket_id is not null")) {
            select.setArray(1, claimIds);
            select.setArray(2, claimIds);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tickets.add(rows.getString(1));
                }
            }
        }
        if (tickets.isEmpty()) {
            return 0;
        }
        List<Long> deliveries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id, provider, body from webhook_delivery"
                + " where provider in ('zendesk', 'gorgias') and topic in ('satisfaction', 'reply') for update")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (tickets.contains(rows.getString(2) + ":" + ticketIdOf(rows.getBytes(3)))) {
                        deliveries.add(rows.getLong(1));
                    }
                }
            }
        }
        if (deliveries.isEmpty()) {
            return 0;
        }
        return update(connection, "update webhook_delivery set body = convert_to(?, 'UTF8'),"
                + " outcome = case when status = 'DONE' then outcome else 'Personal data erased before processing' end,"
                + " status = 'DONE', processed_at = coalesce(processed_at, ?) where id = any (?)",
                ERASED_WEBHOOK_BODY, Timestamp.from(clock.instant()), connection.createArrayOf("bigint", deliveries.toArray()));
    }

    /** The {@code ticket_id} of a stored survey body; none for a body already erased or unreadable. */
    private static String ticketIdOf(byte[] body) {
        try {
            com.fasterxml.jackson.databind.JsonNode parsed = JSON.readTree(body);
            // Surveys and Gorgias messages name the ticket in ticket_id; Zendesk's comment events in detail.id.
            com.fasterxml.jackson.databind.JsonNode ticket = parsed.has("ticket_id") ? parsed.path("ticket_id")
                    : parsed.path("detail").path("id");
            return ticket.isValueNode() ? ticket.asText().strip() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The copies kept outside the claims: raw webhook bodies that name the customer, and the blocklist. */
    private Outcome eraseElsewhere(Connection connection, Set<String> identifying, List<BlocklistKey> blocklistKeys,
                                   List<String> personalValues) throws SQLException {
        Array names = connection.createArrayOf("text", identifying.toArray());
        Array personal = connection.createArrayOf("text", personalValues.toArray());
        // The signed raw body is replaced as a whole: its signature cannot be checked again anyway, and a provider's
        // payload holds more (phone numbers, billing addresses) than we ever copied into a claim. The row stays, so a
        // replayed delivery is still recognised by its id.
        int deliveries = update(connection, "update webhook_delivery set body = convert_to(?, 'UTF8'),"
                + " outcome = case when status = 'DONE' then erase_personal_values(outcome, ?)"
                + " else 'Personal data erased before processing' end,"
                + " last_error = erase_personal_values(last_error, ?), status = 'DONE',"
                + " processed_at = coalesce(processed_at, ?) where webhook_body_names(body, ?)",
                ERASED_WEBHOOK_BODY, personal, personal, Timestamp.from(clock.instant()), names);
        int blocklistEntries = eraseBlocklist(connection, blocklistKeys, personalValues);
        return new Outcome(0, deliveries, blocklistEntries, List.of(), List.of(), List.of());
    }

    /**
     * Replaces the blocklist values that are the customer's (their id, e-mail or address key, or a value holding one of
     * their personal values, however an admin wrote it) by the pseudonym of the stored value: the blocklist compares
     * each new claim's values with both forms, so the entry blocks exactly what it blocked before. Cleans the reasons.
     * Returns how many entries changed.
     */
    private int eraseBlocklist(Connection connection, List<BlocklistKey> keys, List<String> personalValues) throws SQLException {
        Set<String> exact = new LinkedHashSet<>();
        keys.forEach(key -> addIfSet(exact, key.value()));
        Set<String> contained = new LinkedHashSet<>();
        for (String value : personalValues) {
            contained.add(value.toLowerCase(Locale.ROOT));
            String addressKey = Addresses.key(value);
            if (addressKey != null && addressKey.length() >= MIN_VALUE_LENGTH) {
                contained.add(addressKey);
            }
        }
        record Entry(long id, String kind, String value) {
        }
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id, kind, value from blocklist_entry"
                + " where value not like 'pseudonym:%' and (value = any (?)"
                + " or exists (select 1 from unnest(cast(? as text[])) as personal(value) where strpos(lower(blocklist_entry.value),"
                + " personal.value) > 0)) order by id for update")) {
            select.setArray(1, connection.createArrayOf("text", exact.toArray()));
            select.setArray(2, connection.createArrayOf("text", contained.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        int changed = 0;
        for (Entry entry : entries) {
            String pseudonym = pseudonyms.blocklistValue(entry.kind(), entry.value());
            // The same value may already be blocked under its pseudonym (an earlier erasure): keep that one entry.
            int duplicates = update(connection, "delete from blocklist_entry where id = ? and exists (select 1 from blocklist_entry p"
                    + " where p.kind = ? and p.value = ?)", entry.id(), entry.kind(), pseudonym);
            changed += duplicates > 0 ? duplicates
                    : update(connection, "update blocklist_entry set value = ? where id = ?", pseudonym, entry.id());
        }
        if (!personalValues.isEmpty()) {
            Array personal = connection.createArrayOf("text", personalValues.toArray());
            changed += update(connection, "update blocklist_entry set reason = erase_personal_values(reason, ?)"
                    + " where reason is distinct from erase_personal_values(reason, ?)", personal, personal);
        }
        return changed;
    }

    /** Distinct values long enough to search for, longest first (so a full name goes before its parts). */
    private static List<String> searchable(Set<String> values) {
        return values.stream().map(String::strip).filter(value -> value.length() >= MIN_VALUE_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static void addIfSet(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value.strip());
        }
    }

    // --- JDBC ------------------------------------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs on the transaction's own connection: arrays of values are JDBC arrays, which JPA native queries lack. */
    private <T> T work(Work<T> work) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private List<String> strings(String sql, Object parameter) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(sql).setParameter(1, parameter).getResultList();
        return rows;
    }

    private long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }
}
