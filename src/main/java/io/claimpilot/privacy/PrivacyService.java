package io.claimpilot.privacy;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;

/**
 * Erases a customer's personal data (e-mail, name, address, evidence) from claims, on request or after the
 * retention period. Amounts, reasons, decisions and audit rows stay for accounting, under a pseudonymous id that
 * is the same for every claim of the customer, so totals per customer still add up.
 */
@ApplicationScoped
public class PrivacyService {

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.privacy.pseudonym-salt")
    String salt;

    public record Erasure(String pseudonym, int claims) {
    }

    @Transactional
    public Erasure eraseCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiProblem.invalidField("id", "is required");
        }
        String pseudonym = pseudonym(customerId);
        int claims = erase(customerId, pseudonym, null);
        if (claims == 0 && count("select count(*) from claim where customer_id = ?1", pseudonym) == 0) {
            throw ApiProblem.notFound("Customer " + customerId);
        }
        return new Erasure(pseudonym, claims);
    }

    /** Erases the personal data of every claim created before the cutoff; returns how many claims. */
    @Transactional
    public int eraseOlderThan(Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<String> customers = em.createNativeQuery("select distinct customer_id from claim where created_at < ?1 and erased_at is null")
                .setParameter(1, cutoff).getResultList();
        int claims = 0;
        for (String customerId : customers) {
            claims += erase(customerId, pseudonym(customerId), cutoff);
        }
        return claims;
    }

    String pseudonym(String customerId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return "anon_" + HexFormat.of().formatHex(digest.digest(customerId.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private int erase(String customerId, String pseudonym, Instant createdBefore) {
        String scope = "customer_id = :customer and erased_at is null" + (createdBefore == null ? "" : " and created_at < :before");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("customer", customerId);
        parameters.put("pseudonym", pseudonym);
        parameters.put("before", createdBefore);
        parameters.put("now", clock.instant());
        execute("update evidence set url = null, tracking_number = null where claim_id in (select id from claim where " + scope + ")",
                parameters);
        // Tracking numbers of reshipments, in the messages and results of the outbox.
        execute("update outbox set payload = payload - 'trackingNumber', result = result - 'trackingNumber'"
                + " where claim_id in (select id from claim where " + scope + ")", parameters);
        execute("update decision set facts = jsonb_set(facts, '{customerId}', to_jsonb(cast(:pseudonym as text)))"
                + " where facts is not null and claim_id in (select id from claim where " + scope + ")", parameters);
        return execute("update claim set customer_id = :pseudonym, customer_email = null, customer_name = null, shipping_address = null,"
                + " ship_to = null, address_key = null, erased_at = :now where " + scope, parameters);
    }

    /** Runs a statement with the named parameters it uses. */
    private int execute(String sql, Map<String, Object> parameters) {
        var query = em.createNativeQuery(sql);
        parameters.forEach((name, value) -> {
            if (sql.contains(":" + name)) {
                query.setParameter(name, value);
            }
        });
        return query.executeUpdate();
    }

    private long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }
}
