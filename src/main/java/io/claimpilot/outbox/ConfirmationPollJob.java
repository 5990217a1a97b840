package io.claimpilot.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Asks the providers about the actions they accepted but never reported on: a Stripe refund left {@code pending}
 * whose webhook was lost stays AWAITING_CONFIRMATION, and its claim EXECUTING, for ever otherwise. An action is asked
 * about once it has waited {@code claimpilot.dispatch.confirm-after}, then again each time that long after, and
 * settled with what the provider says. Like the dispatcher, it takes rows with SKIP LOCKED in a short transaction and
 * calls the providers with none open, so replicas run it side by side. Asking moves no money: the kill switch does
 * not hold it.
 */
@ApplicationScoped
public class ConfirmationPollJob {

    private static final Logger LOG = Logger.getLogger(ConfirmationPollJob.class);
    static final int BATCH = 50;

    @Inject
    Dispatcher dispatcher;
    @Inject
    OutboxLeases leases;

    @Scheduled(identity = "outbox-confirmation-poll", every = "${claimpilot.dispatch.confirm-check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Asks about every overdue action, a batch at a time; returns how many it asked about. */
    public int run() {
        int total = 0;
        List<OutboxEntry> batch;
        do {
            batch = leases.takeOverdueConfirmations(dispatcher.executableActions(), BATCH);
            batch.forEach(this::ask);
            total += batch.size();
        } while (batch.size() == BATCH);
        if (total > 0) {
            LOG.infof("Asked the providers about %d action(s) awaiting their confirmation", total);
        }
        return total;
    }

    private void ask(OutboxEntry entry) {
        try {
            Optional<ActionResult> outcome = checkOutcome(dispatcher.executor(entry.action), entry);
            outcome.filter(result -> result.outcome() == ActionResult.Outcome.DONE)
                    .ifPresent(result -> leases.confirmedByProvider(entry.id, true, null, result.details()));
        } catch (ActionFailure failure) {
            if (failure.kind() == ActionFailure.Kind.RETRYABLE) {
                LOG.warnf("Action %d (%s): the provider could not be asked how it ended; asking again later: %s",
                        entry.id, entry.action, failure.getMessage());
            } else {
                leases.confirmedByProvider(entry.id, false, failure.getMessage(), null);
            }
        } catch (RuntimeException unexpected) {
            // One action's bug must not stop the others: it is asked about again next time.
            LOG.errorf(unexpected, "Action %d (%s): asking its provider how it ended threw", entry.id, entry.action);
        }
    }

    private static <P> Optional<ActionResult> checkOutcome(ActionExecutor<P> executor, OutboxEntry entry) {
        return executor.checkOutcome(entry, entry.payloadAs(executor.payloadType()));
    }
}
