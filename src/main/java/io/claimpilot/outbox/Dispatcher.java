package io.claimpilot.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes due outbox actions through their {@link ActionExecutor}s. Several replicas run it side by side on one
 * database: each takes rows with {@code FOR UPDATE SKIP LOCKED} under a lease, calls the provider with no
 * transaction open, then records the outcome. A replica that dies mid-call leaves its lease to run out; another then
 * takes the action again, and the idempotency key makes that second call return the first one's result.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    @Inject
    @Any
    Instance<ActionExecutor<?>> executorBeans;
    @Inject
    OutboxLeases leases;
    @Inject
    DispatchPause pause;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.dispatch.batch-size")
    int batchSize;
    @ConfigProperty(name = "claimpilot.dispatch.max-batches-per-run")
    int maxBatchesPerRun;

    private final Map<String, ActionExecutor<?>> executors = new HashMap<>();
    private final Set<String> warnedWithoutExecutor = ConcurrentHashMap.newKeySet();
    private volatile Instant lastWarning = Instant.MIN;

    @PostConstruct
    void collectExecutors() {
        for (ActionExecutor<?> executor : executorBeans) {
            ActionExecutor<?> earlier = executors.put(executor.action(), executor);
            if (earlier != null) {
                throw new IllegalStateException("Two executors for action " + executor.action() + ": "
                        + earlier.getClass().getName() + " and " + executor.getClass().getName());
            }
        }
        LOG.infof("Outbox executors: %s", new TreeSet<>(executors.keySet()));
    }

    @Scheduled(identity = "outbox-dispatcher", every = "${claimpilot.dispatch.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (int i = 0; i < maxBatchesPerRun && dispatchDue(batchSize) == batchSize; i++) {
            // a full batch: more may be due
        }
    }

    /** Takes up to {@code batch} due actions, executes them one by one, and returns how many it took. */
    public int dispatchDue(int batch) {
        warnAboutActionsWithoutExecutor();
        Set<String> runnable = new TreeSet<>(executors.keySet());
        if (pause.holdsMoneyAndGoods()) {
            // Moving money or goods waits while the kill switch is on; messages and notes still go out.
            executors.values().stream().filter(ActionExecutor::movesMoneyOrGoods).map(ActionExecutor::action)
                    .forEach(runnable::remove);
        }
        List<OutboxLeases.Lease> taken = leases.takeDue(runnable, batch);
        taken.forEach(this::execute);
        return taken.size();
    }

    /** The action names this service can execute. */
    public Set<String> executableActions() {
        return Set.copyOf(executors.keySet());
    }

    /** The executor of an action kind, or null when this service has none. */
    ActionExecutor<?> executor(String action) {
        return executors.get(action);
    }

    private void execute(OutboxLeases.Lease lease) {
        OutboxEntry entry = lease.entry();
        ActionExecutor<?> executor = executors.get(entry.action);
        if (!leases.renew(lease)) {
            LOG.warnf("Action %d: another replica took it while it waited in this batch; not calling", entry.id);
            return;
        }
        // The kill switch is read again before each call that moves money or goods, not once per batch: a batch of
        // slow refunds stops at the next one when an admin turns it on.
        if (executor.movesMoneyOrGoods() && pause.holdsMoneyAndGoods()) {
            leases.holdBack(lease);
            return;
        }
        try {
            leases.succeeded(lease, execute(executor, entry));
        } catch (ActionFailure failure) {
            record(lease, failure);
        } catch (RuntimeException unexpected) {
            // A bug or an unforeseen provider answer: retried with backoff, and FAILED after the last attempt.
            LOG.errorf(unexpected, "Action %d (%s) threw", entry.id, entry.action);
            record(lease, ActionFailure.retryable(unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage(),
                    unexpected));
        }
    }

    private static <P> ActionResult execute(ActionExecutor<P> executor, OutboxEntry entry) {
        return executor.execute(entry, entry.payloadAs(executor.payloadType()));
    }

    private void record(OutboxLeases.Lease lease, ActionFailure failure) {
        try {
            leases.failed(lease, failure);
        } catch (RuntimeException notRecorded) {
            // The lease runs out and the action is taken again, with the same idempotency key; the batch goes on.
            LOG.errorf(notRecorded, "Action %d: the failure could not be recorded", lease.entry().id);
        }
    }

    /** An action nobody can execute stays PENDING (never lost, never blocking a claim); say so once per kind. */
    private void warnAboutActionsWithoutExecutor() {
        Instant now = clock.instant();
        if (now.isBefore(lastWarning.plus(WARN_EVERY))) {
            return;
        }
        lastWarning = now;
        for (String action : leases.pendingActionKinds()) {
            if (!executors.containsKey(action) && warnedWithoutExecutor.add(action)) {
                LOG.warnf("Outbox actions %s have no executor in this service: they stay PENDING until one is deployed",
                        action);
            }
        }
    }
}
