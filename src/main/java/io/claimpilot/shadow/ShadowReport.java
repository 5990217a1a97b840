package io.claimpilot.shadow;

import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a version in shadow mode compares, over every claim it shadowed, with the real decision of each claim (the
 * first policy decision, made at intake) and with the final resolution of the claims agents decided. Two outcomes
 * agree when their action is the same and, for a refund, their amount too. Counted by SQL over the version's rows.
 */
@ApplicationScoped
public class ShadowReport {

    static final int EXAMPLES = 10;

    /** Same action, and for a refund the same amount: {@code s} is the shadow's row, {@code o} the outcome compared. */
    private static final String AGREES = "(s.action = o.action and (s.action <> 'REFUND'"
            + " or (s.amount = o.amount and s.currency = o.currency)))";

    @Inject
    EntityManager em;

    public record Outcome(DecisionAction action, Money amount, List<String> rulesFired) {
    }

    /** A claim on which the shadow disagreed with the real decision; ids, outcomes and rule names only. */
    public record Example(String claimId, Outcome active, Outcome shadow) {
    }

    public record Cell(DecisionAction active, DecisionAction shadow, long count) {
    }

    /** Claims whose final decision (the latest REFUND, RESHIP, EXCHANGE or DENY) a person made, and how many the shadow matched. */
    public record AgentAgreement(long resolved, long agree) {
    }

    /** @param agreementRate {@code agreeWithActive / claims} to 4 decimals; null before the first shadowed claim */
    public record Report(long claims, long agreeWithActive, BigDecimal agreementRate, List<Cell> matrix,
                         AgentAgreement agreeWithAgents, List<Example> examples) {
    }

    @Transactional
    public Report of(String version) {
        List<Cell> matrix = new ArrayList<>();
        long claims = 0;
        long agree = 0;
        for (Object[] row : rows("select o.action, s.action, count(*), count(*) filter (where " + AGREES + ")"
                + " from shadow_decision s join decision o on o.id = s.decision_id where s.policy_version = ?1"
                + " group by o.action, s.action", version)) {
            long count = ((Number) row[2]).longValue();
            matrix.add(new Cell(DecisionAction.valueOf((String) row[0]), DecisionAction.valueOf((String) row[1]), count));
            claims += count;
            agree += ((Number) row[3]).longValue();
        }
        matrix.sort(Comparator.comparingLong(Cell::count).reversed().thenComparing(Cell::active).thenComparing(Cell::shadow));
        BigDecimal rate = claims == 0 ? null : BigDecimal.valueOf(agree).divide(BigDecimal.valueOf(claims), 4, RoundingMode.HALF_UP);
        return new Report(claims, agree, rate, matrix, agents(version), examples(version));
    }

    /** The final decision is the claim's latest REFUND, RESHIP, EXCHANGE or DENY, as the KPIs define it; a person's when not policy:. */
    private AgentAgreement agents(String version) {
        Object[] row = rows("select count(*), count(*) filter (where " + AGREES + ") from shadow_decision s"
                + " join lateral (select d.action, d.amount, d.currency, d.decided_by from decision d where d.claim_id = s.claim_id"
                + " and d.action in ('REFUND', 'RESHIP', 'EXCHANGE', 'DENY') order by d.id desc limit 1) o on true"
                + " where s.policy_version = ?1 and o.decided_by not like 'policy:%'", version).get(0);
        return new AgentAgreement(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    private List<Example> examples(String version) {
        List<Object[]> rows = em.createQuery("select s, o from ShadowDecision s, Decision o where o.id = s.decisionId"
                        + " and s.policyVersion = :version and not (s.action = o.action and (s.action <> :refund"
                        + " or (s.amount = o.amount and s.currency = o.currency))) order by s.id desc", Object[].class)
                .setParameter("version", version).setParameter("refund", DecisionAction.REFUND)
                .setMaxResults(EXAMPLES).getResultList();
        return rows.stream().map(row -> {
            ShadowDecision shadow = (ShadowDecision) row[0];
            Decision active = (Decision) row[1];
            return new Example(shadow.claimId, new Outcome(active.action, active.money(), active.rulesFired),
                    new Outcome(shadow.action, shadow.amount == null ? null : Money.canonical(shadow.amount, shadow.currency),
                            shadow.rulesFired));
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String version) {
        return em.createNativeQuery(sql).setParameter(1, version).getResultList();
    }
}
