package io.claimpilot.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/**
 * The pilot cohort's indicators that can halt it, as SQL aggregates. The cohort's claims are those a decision of the
 * pilot's version placed in the pilot cohort since the pilot started. A claim's final decision is its latest REFUND,
 * RESHIP or DENY, by the policy or by a person.
 */
@ApplicationScoped
public class PilotIndicators {

    @Inject
    EntityManager em;

    /**
     * @param decided      the cohort's claims with a final decision
     * @param resolutions  agents' resolutions of the cohort's claims
     * @param overrides    those that differ from the pilot's proposal
     * @param automatic    the cohort's claims whose final decision the pilot made, with no person
     * @param flaggedWrong agents' "wrong" verdicts on those automatic final decisions
     */
    public record Counts(long decided, long resolutions, long overrides, long automatic, long flaggedWrong) {
    }

    public Counts count(String version, Instant since) {
        Object[] row = (Object[]) em.createNativeQuery("""
                with cohort as (
                    select distinct claim_id from decision
                     where cohort = 'PILOT' and policy_version = :version and decided_at >= :since
                ), final_decision as (
                    select distinct on (d.claim_id) d.id, d.claim_id, d.decided_by, d.cohort
                      from decision d join cohort c on c.claim_id = d.claim_id
                     where d.action in ('REFUND', 'RESHIP', 'EXCHANGE', 'DENY')
                     order by d.claim_id, d.id desc
                ), automatic as (
                    select id from final_decision where cohort = 'PILOT' and decided_by = 'policy:' || :version
                )
                select (select count(*) from final_decision),
                       (select count(*) from review_resolution r join cohort c on c.claim_id = r.claim_id),
                       (select count(*) from review_resolution r join cohort c on c.claim_id = r.claim_id where r.override),
                       (select count(*) from automatic),
                       (select count(*) from decision_feedback f join automatic a on a.id = f.decision_id
                         where f.verdict = 'WRONG')
                """)
                .setParameter("version", version)
                .setParameter("since", since)
                .getSingleResult();
        return new Counts(n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]));
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
