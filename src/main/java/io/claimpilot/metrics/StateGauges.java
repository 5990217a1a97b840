package io.claimpilot.metrics;

import io.claimpilot.action.CustomerNotice;
import io.claimpilot.action.HelpdeskNote;
import io.claimpilot.action.RefundOrder;
import io.claimpilot.action.ReshipOrder;
import io.claimpilot.limits.AutomationService;
import io.claimpilot.limits.MoneyLimits;
import io.claimpilot.outbox.OutboxStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges of the state every replica shares, read from the database rather than counted per replica, so each replica
 * reports the same, true values:
 * <ul>
 *   <li>{@code claimpilot_review_queue_size}: claims waiting for a person;</li>
 *   <li>{@code claimpilot_review_sla_breached}: those of them past their SLA;</li>
 *   <li>{@code claimpilot_outbox_actions{action, status}}: actions not yet done (PENDING, IN_PROGRESS,
 *       AWAITING_CONFIRMATION) and FAILED ones, which wait for an admin. DONE and SUPERSEDED are history, which only
 *       grows: they are left out, so a scrape never counts the whole outbox;</li>
 *   <li>{@code claimpilot_automation_budget_used_ratio{currency}}: today's automatic refunds over the daily budget
 *       (1 when the budget is 0).</li>
 * </ul>
 * One scrape reads all of them in one short transaction, and the values are kept for
 * {@code claimpilot.metrics.state-max-age}, so scraping often, or by several Prometheus servers, stays cheap.
 */
@ApplicationScoped
public class StateGauges {

    private static final Logger LOG = Logger.getLogger(StateGauges.class);
    static final List<String> ACTIONS = List.of(RefundOrder.ACTION, ReshipOrder.ACTION, CustomerNotice.ACTION, HelpdeskNote.ACTION);
    static final List<OutboxStatus> OPEN_STATUSES = List.of(OutboxStatus.PENDING, OutboxStatus.IN_PROGRESS,
            OutboxStatus.AWAITING_CONFIRMATION, OutboxStatus.FAILED);

    @Inject
    MeterRegistry registry;
    @Inject
    EntityManager em;
    @Inject
    AutomationService automation;
    @Inject
    MoneyLimits limits;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.metrics.state-max-age", defaultValue = "5s")
    Duration maxAge;

    /** What one read of the database found. */
    record State(long reviewQueue, long slaBreached, Map<String, Long> outbox, Map<String, Double> budgetRatio, long readAt) {
        static final State NONE = new State(0, 0, Map.of(), Map.of(), 0);

        boolean fresh(Duration maxAge) {
            return this != NONE && System.nanoTime() - readAt < maxAge.toNanos();
        }
    }

    private volatile State state = State.NONE;
    private final Set<String> budgetCurrencies = ConcurrentHashMap.newKeySet();

    void register(@Observes StartupEvent startup) {
        Gauge.builder("claimpilot.review.queue.size", this, gauges -> gauges.state().reviewQueue())
                .description("Claims waiting in the review queue").strongReference(true).register(registry);
        Gauge.builder("claimpilot.review.sla.breached", this, gauges -> gauges.state().slaBreached())
                .description("Claims in the review queue past their SLA").strongReference(true).register(registry);
        for (String action : ACTIONS) {
            for (OutboxStatus status : OPEN_STATUSES) {
                String key = key(action, status.name());
                Gauge.builder("claimpilot.outbox.actions", this, gauges -> gauges.state().outbox().getOrDefault(key, 0L))
                        .description("Outbox actions not yet done, and failed ones, by action and status")
                        .tag("action", action).tag("status", status.name()).strongReference(true).register(registry);
            }
        }
        limits.dailyAutoRefundBudget().keySet().forEach(this::registerBudget);
    }

    /** A currency whose budget an admin set later gets its gauge at the first read that sees it. */
    private void registerBudget(String currency) {
        if (budgetCurrencies.add(currency)) {
            Gauge.builder("claimpilot.automation.budget.used.ratio", this,
                            gauges -> gauges.state().budgetRatio().getOrDefault(currency, 0.0))
                    .description("Today's automatic refunds over the daily automation budget")
                    .tag("currency", currency).strongReference(true).register(registry);
        }
    }

    State state() {
        State current = state;
        if (current.fresh(maxAge)) {
            return current;
        }
        synchronized (this) {
            if (!state.fresh(maxAge)) {
                try {
                    state = read();
                    state.budgetRatio().keySet().forEach(this::registerBudget);
                } catch (RuntimeException e) {
                    // A scrape must not fail for it: the last values stay, and the database is asked again after maxAge.
                    LOG.warnf("Metrics could not read the database: %s", e.toString());
                    State last = state;
                    state = new State(last.reviewQueue(), last.slaBreached(), last.outbox(), last.budgetRatio(), System.nanoTime());
                }
            }
            return state;
        }
    }

    private State read() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] queue = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where sla_due < ?1)"
                    + " from review_task where resolved_at is null").setParameter(1, clock.instant()).getSingleResult();
            Map<String, Long> outbox = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select action, status, count(*) from outbox"
                    + " where status in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION', 'FAILED') group by action, status")
                    .getResultList();
            rows.forEach(row -> outbox.put(key((String) row[0], (String) row[1]), ((Number) row[2]).longValue()));
            Map<String, Double> budgets = new HashMap<>();
            automation.status().budgets().forEach(budget -> budgets.put(budget.currency(), budget.usedRatio().doubleValue()));
            return new State(((Number) queue[0]).longValue(), ((Number) queue[1]).longValue(), outbox, budgets, System.nanoTime());
        });
    }

    private static String key(String action, String status) {
        return action + "/" + status;
    }
}
