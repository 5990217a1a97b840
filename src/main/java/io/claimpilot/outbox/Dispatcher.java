package io.claimpilot.outbox;

import io.claimpilot.common.DatabaseOutageLog;
import io.claimpilot.common.DatabaseUnavailable;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes due outbox actions through their {@link ActionExecutor}s. Several replicas run it side by side on one
 * database: each takes a batch of rows with {@code FOR UPDATE SKIP LOCKED} under a lease, calls the providers with no
 * transaction open, then records the outcomes. A replica that dies mid-call leaves its lease to run out; another then
 * takes the action again, and the idempotency key makes that second call return the first one's result.
 * <p>
 * Actions that call no provider ({@link ActionExecutor#callsOut}: the sandbox, messages the sandbox helpdesk records)
 * run together with the record of their outcomes in one transaction per batch. Actions that call out run in a bounded
 * pool ({@code claimpilot.dispatch.parallelism}), the actions of one claim one after the other, in the order they
 * were queued, different claims side by side.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final int CONFLICT_ATTEMPTS = 3;
    static final int MIN_LOCAL_GROUP = 25;

    @Inject
    @Any
    Instance<ActionExecutor<?>> executorBeans;
    @Inject
    OutboxLeases leases;
    @Inject
    DispatchPause pause;
    @Inject
    DatabaseOutageLog databaseOutages;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.dispatch.batch-size")
    int batchSize;
    @ConfigProperty(name = "claimpilot.dispatch.max-batches-per-run")
    int maxBatchesPerRun;
    @ConfigProperty(name = "claimpilot.dispatch.parallelism", defaultValue = "8")
    int parallelism;

    private final Map<String, ActionExecutor<?>> executors = new HashMap<>();
    private final Set<String> warnedWithoutExecutor = ConcurrentHashMap.newKeySet();
    private volatile Instant lastWarning = Instant.MIN;
    private ExecutorService callers;

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
        AtomicInteger threads = new AtomicInteger();
        callers = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "outbox-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stopCallers() {
        callers.shutdown();
    }

    @Scheduled(identity = "outbox-dispatcher", every = "${claimpilot.dispatch.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            for (int i = 0; i < maxBatchesPerRun && dispatchDue(batchSize) == batchSize; i++) {
                // a full batch: more may be due
            }
        } catch (RuntimeException failure) {
            // The database is down or its disk full: said once per outage (the requests say the same), tried again
            // at the next run. Anything else is a bug, for the scheduler to log.
            if (!databaseUnavailable(failure)) {
                throw failure;
            }
        }
    }

    /** Whether the database refused the work (down, or out of room); if so, it is logged once per outage. */
    private boolean databaseUnavailable(RuntimeException failure) {
        return DatabaseUnavailable.causeOf(failure)
                .map(kind -> databaseOutages.refused(kind, DatabaseUnavailable.sqlCause(failure).orElse(null)))
                .isPresent();
    }

    /** Takes up to {@code batch} due actions, executes them one by one, and returns how many it took. */
    public int dispatchDue(int batch) {
        warnAboutActionsWithoutExecutor();
        List<OutboxLeases.Lease> taken = leases.takeDue(runnableActions(), batch);
        List<OutboxLeases.Lease> local = new ArrayList<>();
        Map<String, List<OutboxLeases.Lease>> callingOutByClaim = new LinkedHashMap<>();
        for (OutboxLeases.Lease lease : taken) {
            if (callsOut(lease)) {
                callingOutByClaim.computeIfAbsent(lease.entry().claimId, claim -> new ArrayList<>()).add(lease);
            } else {
                local.add(lease);
            }
        }
        List<Future<?>> calls = new ArrayList<>();
        for (List<OutboxLeases.Lease> group : localGroups(local, parallelism)) {
            calls.add(callers.submit(() -> executeTogether(group)));
        }
        for (List<OutboxLeases.Lease> claimActions : callingOutByClaim.values()) {
            calls.add(callers.submit(() -> claimActions.forEach(this::execute)));
        }
        for (Future<?> call : calls) {
            try {
                call.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return taken.size();
            } catch (ExecutionException e) {
                // execute() records every failure itself; what reaches here is the database refusing the lease's
                // renewal (logged once per outage) or a bug. Either way the lease runs out and the action runs again.
                if (!(e.getCause() instanceof RuntimeException cause && databaseUnavailable(cause))) {
                    LOG.errorf(e.getCause(), "An outbox call failed outside its action's handling");
                }
            }
        }
        return taken.size();
    }

    /**
     * Splits a batch's local actions into transactions that run side by side, a claim's actions always in the same one
     * and in their order: one transaction at a time left half the machine idle while a backlog drained (the JVM and
     * PostgreSQL waiting on each other). Groups stay large enough that their commits remain few.
     */
    static List<List<OutboxLeases.Lease>> localGroups(List<OutboxLeases.Lease> local, int parallelism) {
        int groups = Math.max(1, Math.min(parallelism, local.size() / MIN_LOCAL_GROUP));
        List<List<OutboxLeases.Lease>> split = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            split.add(new ArrayList<>());
        }
        Map<String, Integer> groupOfClaim = new HashMap<>();
        for (OutboxLeases.Lease lease : local) {
            int group = groupOfClaim.computeIfAbsent(lease.entry().claimId, claim -> groupOfClaim.size() % groups);
            split.get(group).add(lease);
        }
        split.removeIf(List::isEmpty);
        return split;
    }

    private boolean callsOut(OutboxLeases.Lease lease) {
        return callsOut(executors.get(lease.entry().action), lease.entry());
    }

    private static <P> boolean callsOut(ActionExecutor<P> executor, OutboxEntry entry) {
        try {
            return executor.callsOut(entry.payloadAs(executor.payloadType()));
        } catch (RuntimeException unreadable) {
            return true; // executed on its own, where its failure is recorded
        }
    }

    /**
     * Actions that call no provider, with their outcomes, in one transaction. When one fails, nothing of the group is
     * kept, and each runs on its own, as actions that call out do, so the failure is recorded against it alone.
     */
    private void executeTogether(List<OutboxLeases.Lease> group) {
        if (group.isEmpty()) {
            return;
        }
        if (pause.holdsMoneyAndGoods()) {
            List<OutboxLeases.Lease> held = group.stream()
                    .filter(lease -> executors.get(lease.entry().action).movesMoneyOrGoods()).toList();
            held.forEach(leases::holdBack);
            group = group.stream().filter(lease -> !held.contains(lease)).toList();
        }
        // Money and goods last: a refund takes the credit notes' counter row, which every refund of every replica
        // waits for, until this transaction ends. Taken after the per-claim locks the other actions take (a
        // helpdesk ticket's opening), it is the last lock this transaction waits for, so two batches never wait for
        // each other's in a cycle.
        group = group.stream()
                .sorted(Comparator.comparing((OutboxLeases.Lease lease) -> executors.get(lease.entry().action).movesMoneyOrGoods()))
                .toList();
        try {
            leases.executeAndRecord(group, entry -> execute(executors.get(entry.action), entry));
        } catch (RuntimeException oneFailed) {
            if (databaseUnavailable(oneFailed)) {
                return; // each on its own would fail the same way; the leases run out and the actions run again
            }
            LOG.debugf("A batch of %d local actions failed (%s): each runs on its own", group.size(), oneFailed.toString());
            group.forEach(this::execute);
        }
    }

    /** The action kinds this service would take now: those it has an executor for, less money and goods while paused. */
    public Set<String> runnableActions() {
        Set<String> runnable = new TreeSet<>(executors.keySet());
        if (pause.holdsMoneyAndGoods()) {
            // Moving money or goods waits while the kill switch is on; messages and notes still go out.
            executors.values().stream().filter(ActionExecutor::movesMoneyOrGoods).map(ActionExecutor::action)
                    .forEach(runnable::remove);
        }
        return runnable;
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
            ActionResult result = execute(executor, entry);
            recordSucceeded(lease, result);
        } catch (ActionFailure failure) {
            record(lease, failure);
        } catch (RuntimeException unexpected) {
            if (databaseUnavailable(unexpected)) {
                return; // the outcome could not be recorded: the lease runs out, and the key makes the next call harmless
            }
            // A bug or an unforeseen provider answer: retried with backoff, and FAILED after the last attempt.
            LOG.errorf(unexpected, "Action %d (%s) threw", entry.id, entry.action);
            record(lease, ActionFailure.retryable(unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage(),
                    unexpected));
        }
    }

    /**
     * Records a success, again at once when the database chose this transaction as a deadlock's victim or could not
     * serialise it: the action did run, and waiting out a retry's backoff would only hold its claim back.
     */
    private void recordSucceeded(OutboxLeases.Lease lease, ActionResult result) {
        for (int attempt = 1; ; attempt++) {
            try {
                leases.succeeded(lease, result);
                return;
            } catch (RuntimeException failure) {
                if (attempt >= CONFLICT_ATTEMPTS || !lockConflict(failure)) {
                    throw failure;
                }
                LOG.debugf("Action %d: recording its success met a lock conflict, again (%d)", lease.entry().id, (Object) attempt);
            }
        }
    }

    /** A deadlock (40P01) or a serialisation failure (40001): the transaction was rolled back, and may simply run again. */
    static boolean lockConflict(Throwable failure) {
        return DatabaseUnavailable.sqlCause(failure).map(SQLException::getSQLState)
                .filter(state -> state.equals("40P01") || state.equals("40001")).isPresent();
    }

    private static <P> ActionResult execute(ActionExecutor<P> executor, OutboxEntry entry) {
        return executor.execute(entry, entry.payloadAs(executor.payloadType()));
    }

    private void record(OutboxLeases.Lease lease, ActionFailure failure) {
        try {
            leases.failed(lease, failure);
        } catch (RuntimeException notRecorded) {
            if (databaseUnavailable(notRecorded)) {
                return;
            }
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
