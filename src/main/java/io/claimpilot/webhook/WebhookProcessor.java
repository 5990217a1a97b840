package io.claimpilot.webhook;

import io.claimpilot.common.ApiProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job behind every webhook endpoint: endpoints only verify and store, this does the work. Each delivery is
 * processed in its own transaction, retried with backoff when it fails, and marked FAILED when it never can succeed.
 * Tests call {@link #processDue()} themselves (the scheduler is off in tests).
 */
@ApplicationScoped
public class WebhookProcessor {

    private static final Logger LOG = Logger.getLogger(WebhookProcessor.class);

    @Inject
    WebhookInbox inbox;
    @Inject
    Instance<WebhookHandler> handlers;
    @ConfigProperty(name = "claimpilot.webhooks.batch-size", defaultValue = "50")
    int batchSize;
    @ConfigProperty(name = "claimpilot.webhooks.keep-for", defaultValue = "30d")
    Duration keepFor;
    @Inject
    Clock clock;

    @Scheduled(every = "${claimpilot.webhooks.process-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        processDue();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldDeliveries() {
        int deleted = inbox.deleteFinishedBefore(clock.instant().minus(keepFor));
        if (deleted > 0) {
            LOG.infof("Deleted %d webhook deliveries older than %s", deleted, keepFor);
        }
    }

    /** Processes the deliveries due now; returns how many were processed successfully. */
    public int processDue() {
        Map<String, WebhookHandler> byProvider = handlers.stream()
                .collect(Collectors.toMap(WebhookHandler::provider, Function.identity()));
        int done = 0;
        for (long id : inbox.dueIds(batchSize)) {
            if (processOne(id, byProvider)) {
                done++;
            }
        }
        return done;
    }

    private boolean processOne(long id, Map<String, WebhookHandler> byProvider) {
        try {
            return inbox.process(id, delivery -> handlerFor(delivery, byProvider).handle(delivery)).isPresent();
        } catch (WebhookRejected | ProviderNotConfigured e) {
            LOG.warnf("Webhook delivery %d cannot be processed: %s", id, e.getMessage());
            inbox.failed(id, e.getMessage(), true);
        } catch (ApiProblem e) {
            // The intake refused the claim built from the delivery: the same payload will be refused again.
            LOG.warnf("Webhook delivery %d was refused by the intake: %s", id, e.getMessage());
            inbox.failed(id, "Refused by the intake: " + e.getMessage(), e.status() < 500 && e.status() != 409);
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery %d failed, will retry: %s", id, e.toString());
            inbox.failed(id, e.toString(), false);
        }
        return false;
    }

    private static WebhookHandler handlerFor(WebhookDelivery delivery, Map<String, WebhookHandler> byProvider) {
        WebhookHandler handler = byProvider.get(delivery.provider);
        if (handler == null) {
            throw new WebhookRejected("No handler for provider " + delivery.provider);
        }
        return handler;
    }
}
