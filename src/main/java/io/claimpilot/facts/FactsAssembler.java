package io.claimpilot.facts;

import io.claimpilot.blocklist.BlocklistService;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.ClaimHistory.By;
import io.claimpilot.claim.TrackingStatus;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.EvidenceType;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.common.Money;
import io.claimpilot.stock.StockSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers everything the policy may look at for one claim into one immutable snapshot:
 * the order, the customer's history from our own database, the blocklist, stock and evidence.
 * This is the only place that talks to the outside world on the policy's behalf.
 */
@ApplicationScoped
public class FactsAssembler {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FactsAssembler.class);

    @Inject
    ClaimHistory history;
    @Inject
    OrderRecords orders;
    @Inject
    StockSource stock;
    @Inject
    BlocklistService blocklist;
    @Inject
    Clock clock;

    public ClaimFacts assemble(Claim claim, List<Evidence> evidence) {
        Instant now = clock.instant();
        String currency = claim.currency;
        List<String> skus = claim.items.stream().map(ClaimItem::sku).distinct().toList();
        // A SKU missing from the answer is unknown: the source could not be asked (see StockSource).
        Map<String, Integer> available = stockLevels(skus);
        List<ClaimFacts.ItemFact> items = claim.items.stream()
                .map(item -> new ClaimFacts.ItemFact(item.sku(), item.quantity(), item.unitPrice().amount(),
                        available.get(item.sku())))
                .toList();
        Optional<String> blocked = blocklist.match(claim.customerId, claim.customerEmail, claim.addressKey);
        Instant days30 = now.minus(Duration.ofDays(30));
        Instant days90 = now.minus(Duration.ofDays(90));
        return new ClaimFacts(
                claim.id, claim.orderId, claim.reason.name(), claim.fulfillment.name(), currency,
                Money.scaled(claim.amount, currency), Money.scaled(orders.of(claim).totalPaid, currency), history.leftToRefund(claim).amount(),
                items, ClaimFacts.allInStock(items),
                evidence.stream().anyMatch(e -> e.type == EvidenceType.PHOTO),
                evidence.stream().anyMatch(e -> e.type == EvidenceType.TRACKING_NUMBER),
                (claim.trackingStatus == null ? TrackingStatus.UNKNOWN : claim.trackingStatus).name(),
                claim.shippedAt == null || claim.shippedAt.isAfter(now) ? -1 : (int) Duration.between(claim.shippedAt, now).toDays(),
                claim.customerId,
                history.claimsSince(By.CUSTOMER, claim.customerId, days30),
                history.claimsSince(By.CUSTOMER, claim.customerId, days90),
                refunded(By.CUSTOMER, claim.customerId, currency, days30),
                refunded(By.CUSTOMER, claim.customerId, currency, days90),
                history.claimsSince(By.EMAIL, claim.customerEmail, days30),
                refunded(By.EMAIL, claim.customerEmail, currency, days90),
                history.claimsSince(By.ADDRESS, claim.addressKey, days30),
                refunded(By.ADDRESS, claim.addressKey, currency, days90),
                blocked.isPresent(), blocked.orElse(null),
                history.earlierClaimCovering(claim.orderId, skus, claim.id).orElse(null),
                claim.createdAt, now);
    }

    /** Stock never fails a claim: when the source breaks, every level is unknown and the policy sees that. */
    private Map<String, Integer> stockLevels(List<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        try {
            return stock.available(skus);
        } catch (RuntimeException e) {
            LOG.warnf("Stock could not be read, treated as unknown: %s", e.toString());
            return Map.of();
        }
    }

    private BigDecimal refunded(By by, String value, String currency, Instant since) {
        return Money.scaled(history.refundedSince(by, value, currency, since), currency);
    }
}
