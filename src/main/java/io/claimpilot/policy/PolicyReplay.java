package io.claimpilot.policy;

import io.claimpilot.limits.MoneySafety;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a candidate version on the stored fact snapshots of past claims: what would change, with nothing
 * executed and nothing written. Each claim is compared with the latest decision the policy made for it, and the
 * candidate's refunds pass through the same fixed money-safety limits as live ones (today's budget and the kill
 * switch are left out: they describe today, not the policy).
 */
@ApplicationScoped
public class PolicyReplay {

    public static final int MAX_CLAIMS = 100_000;
    static final int EXAMPLES_PER_TRANSITION = 20;
    private static final int PAGE = 1000;

    @Inject
    EntityManager em;
    @Inject
    PolicyEngine engine;
    @Inject
    MoneySafety moneySafety;

    /** Which past claims to replay: those the policy decided in a period, or the last N (or both). */
    public record Selection(Instant from, Instant to, Integer last) {
    }

    public record Outcome(DecisionAction action, Money amount, List<String> rulesFired) {
    }

    public record Example(String claimId, Outcome before, Outcome after) {
    }

    public record Transition(DecisionAction from, DecisionAction to, int count, List<Example> examples) {
    }

    public record Rate(BigDecimal before, BigDecimal after, BigDecimal change) {
    }

    public record Amounts(Map<String, String> before, Map<String, String> after, Map<String, String> change) {
    }

    /** {@code parameterChanges}: the candidate's parameters that differ from the active version's. */
    public record Report(String version, int claims, int changed, List<Transition> transitions,
                         Rate automationRate, Amounts autoRefunded, List<PolicyParameters.Change> parameterChanges) {
    }

    /** Told how many claims are done after each page, so a long replay can show its progress. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = done -> { };

        void claimsDone(int done);
    }

    public Report replay(String version, Selection selection) {
        return replay(version, selection, Progress.NONE);
    }

    /** How many claims a selection covers: what decides whether its replay runs as a job. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int claimsCovered(Selection selection) {
        check(selection);
        TypedQuery<Long> query = em.createQuery("select count(d) " + fromPastDecisions(selection), Long.class);
        bind(query, selection);
        long count = query.getSingleResult();
        return (int) Math.min(count, selection.last() == null ? MAX_CLAIMS : selection.last());
    }

    /**
     * Not transactional: each page of past decisions is read in a short transaction of its own, and the candidate
     * evaluates the detached snapshots with no transaction, connection or lock held, however long its rules spin
     * (and however long a job of 100,000 claims takes).
     */
    public Report replay(String version, Selection selection, Progress progress) {
        check(selection);
        CompiledPolicy candidate = engine.version(version);
        Tally tally = new Tally();
        int limit = selection.last() == null ? MAX_CLAIMS : selection.last();
        for (int offset = 0; offset < limit; offset += PAGE) {
            int from = offset;
            List<Decision> page = QuarkusTransaction.requiringNew()
                    .call(() -> pastDecisions(selection, from, Math.min(PAGE, limit - from)));
            for (Decision past : page) {
                PolicyVerdict verdict = withFixedLimits(candidate.evaluate(past.facts), past);
                tally.add(past.claimId, new Outcome(past.action, past.money(), past.rulesFired),
                        new Outcome(verdict.action(), verdict.amount(), verdict.rulesFired()));
            }
            progress.claimsDone(tally.claims);
            if (page.size() < PAGE) {
                break;
            }
        }
        List<PolicyParameters.Change> parameterChanges = engine.hasActive()
                ? PolicyParameters.changes(engine.active().parameters(), candidate.parameters()) : List.of();
        return tally.report(version, parameterChanges);
    }

    /** The hard limits that do not depend on the day (balance, automatic limit) overrule the candidate as they would live. */
    private PolicyVerdict withFixedLimits(PolicyVerdict verdict, Decision past) {
        if (verdict.action() != DecisionAction.REFUND) {
            return verdict;
        }
        return moneySafety.refundLimits(verdict.amount(), past.facts.refundableBalance()).map(verdict::overruled).orElse(verdict);
    }

    private List<Decision> pastDecisions(Selection selection, int offset, int size) {
        TypedQuery<Decision> query = em.createQuery("select d " + fromPastDecisions(selection) + " order by d.id desc", Decision.class);
        bind(query, selection);
        return query.setFirstResult(offset).setMaxResults(size).getResultList();
    }

    /** The latest policy decision of each claim in the selection: what both the replay and its count read. */
    private static String fromPastDecisions(Selection selection) {
        StringBuilder jpql = new StringBuilder("from Decision d where d.policyVersion is not null and d.facts is not null"
                + " and d.id = (select max(d2.id) from Decision d2 where d2.claimId = d.claimId and d2.policyVersion is not null)");
        if (selection.from() != null) {
            jpql.append(" and d.decidedAt >= :from");
        }
        if (selection.to() != null) {
            jpql.append(" and d.decidedAt < :to");
        }
        return jpql.toString();
    }

    private static void bind(TypedQuery<?> query, Selection selection) {
        if (selection.from() != null) {
            query.setParameter("from", selection.from());
        }
        if (selection.to() != null) {
            query.setParameter("to", selection.to());
        }
    }

    private static void check(Selection selection) {
        if (selection == null || selection.from() == null && selection.to() == null && selection.last() == null) {
            throw ApiProblem.invalidField("body", "give 'from' and 'to' (ISO-8601 instants), or 'last' (a number of claims)");
        }
        if (selection.last() != null && (selection.last() < 1 || selection.last() > MAX_CLAIMS)) {
            throw ApiProblem.invalidField("last", "must be between 1 and " + MAX_CLAIMS);
        }
        if (selection.from() != null && selection.to() != null && !selection.from().isBefore(selection.to())) {
            throw ApiProblem.invalidField("to", "must be after 'from'");
        }
    }

    /** Counts as claims go by; keeps only a few examples per transition. */
    private static final class Tally {
        private final Map<String, List<Example>> examples = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new TreeMap<>();
        private final Map<String, BigDecimal> refundedBefore = new TreeMap<>();
        private final Map<String, BigDecimal> refundedAfter = new TreeMap<>();
        private int claims;
        private int changed;
        private int automatedBefore;
        private int automatedAfter;

        void add(String claimId, Outcome before, Outcome after) {
            claims++;
            String key = before.action() + ">" + after.action();
            counts.merge(key, 1, Integer::sum);
            if (before.action() != after.action() || !sameAmount(before.amount(), after.amount())) {
                changed++;
                List<Example> list = examples.computeIfAbsent(key, k -> new ArrayList<>());
                if (list.size() < EXAMPLES_PER_TRANSITION) {
                    list.add(new Example(claimId, before, after));
                }
            }
            automatedBefore += before.action().actsAutomatically() ? 1 : 0;
            automatedAfter += after.action().actsAutomatically() ? 1 : 0;
            addRefund(refundedBefore, before);
            addRefund(refundedAfter, after);
        }

        Report report(String version, List<PolicyParameters.Change> parameterChanges) {
            List<Transition> transitions = new ArrayList<>();
            counts.forEach((key, count) -> {
                String[] actions = key.split(">");
                transitions.add(new Transition(DecisionAction.valueOf(actions[0]), DecisionAction.valueOf(actions[1]), count,
                        examples.getOrDefault(key, List.of())));
            });
            transitions.sort((a, b) -> Integer.compare(b.count(), a.count()));
            BigDecimal before = rate(automatedBefore);
            BigDecimal after = rate(automatedAfter);
            Map<String, String> change = new TreeMap<>();
            java.util.Set<String> currencies = new java.util.TreeSet<>(refundedBefore.keySet());
            currencies.addAll(refundedAfter.keySet());
            currencies.forEach(currency -> change.put(currency, refundedAfter.getOrDefault(currency, BigDecimal.ZERO)
                    .subtract(refundedBefore.getOrDefault(currency, BigDecimal.ZERO)).toPlainString()));
            return new Report(version, claims, changed, transitions, new Rate(before, after, after.subtract(before)),
                    new Amounts(plain(refundedBefore), plain(refundedAfter), change), parameterChanges);
        }

        private BigDecimal rate(int automated) {
            return claims == 0 ? BigDecimal.ZERO.setScale(4)
                    : BigDecimal.valueOf(automated).divide(BigDecimal.valueOf(claims), 4, RoundingMode.HALF_EVEN);
        }

        private static void addRefund(Map<String, BigDecimal> totals, Outcome outcome) {
            if (outcome.action() == DecisionAction.REFUND && outcome.amount() != null) {
                totals.merge(outcome.amount().currency(), outcome.amount().amount(), BigDecimal::add);
            }
        }

        private static boolean sameAmount(Money a, Money b) {
            return a == null ? b == null : b != null && a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
        }

        private static Map<String, String> plain(Map<String, BigDecimal> totals) {
            Map<String, String> plain = new TreeMap<>();
            totals.forEach((currency, amount) -> plain.put(currency, amount.toPlainString()));
            return plain;
        }
    }
}
