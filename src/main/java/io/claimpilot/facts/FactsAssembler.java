package io.claimpilot.facts;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.TrackingStatus;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.EvidenceType;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.common.Money;
import io.claimpilot.stock.StockSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    HistoryFacts pastClaims;
    @Inject
    Clock clock;

    public ClaimFacts assemble(Claim claim, List<Evidence> evidence) {
        Instant now = clock.instant();
        String currency = claim.currency;
        List<String> skus = claim.items.stream().map(ClaimItem::sku).distinct().toList();
        List<ClaimItem> exchanged = claim.items.stream().filter(item -> item.exchangeFor() != null).toList();
        List<String> replacementSkus = exchanged.stream().map(ClaimItem::shippedSku).distinct().toList();
        // A SKU missing from the answer is unknown: the source could not be asked (see StockSource).
        Map<String, Integer> available = stockLevels(java.util.stream.Stream.concat(skus.stream(), replacementSkus.stream())
                .distinct().toList());
        List<ClaimFacts.ItemFact> items = claim.items.stream()
                .map(item -> new ClaimFacts.ItemFact(item.sku(), item.quantity(), item.unitPrice().amount(),
                        available.get(item.sku())))
                .toList();
        HistoryFacts.History past = pastClaims.of(claim, skus, now);
        return new ClaimFacts(
                claim.id, claim.orderId, claim.reason.name(), claim.fulfillment.name(), currency,
                Money.scaled(claim.amount, currency), Money.scaled(orders.of(claim).totalPaid, currency),
                history.leftToRefund(claim, past.refundedOnOrder()).amount(),
                items, ClaimFacts.allInStock(items),
                evidence.stream().anyMatch(e -> e.type == EvidenceType.PHOTO),
                evidence.stream().anyMatch(e -> e.type == EvidenceType.TRACKING_NUMBER),
                (claim.trackingStatus == null ? TrackingStatus.UNKNOWN : claim.trackingStatus).name(),
                claim.shippedAt == null || claim.shippedAt.isAfter(now) ? -1 : (int) Duration.between(claim.shippedAt, now).toDays(),
                claim.customerId,
                past.customerClaims30(),
                past.customerClaims90(),
                Money.scaled(past.customerRefunded30(), currency),
                Money.scaled(past.customerRefunded90(), currency),
                past.emailClaims30(),
                Money.scaled(past.emailRefunded90(), currency),
                past.addressClaims30(),
                Money.scaled(past.addressRefunded90(), currency),
                past.blocklistReason() != null, past.blocklistReason(),
                past.earlierClaimCovering(),
                claim.createdAt, now)
                .withReplacements(replacements(exchanged, replacementSkus, available, currency));
    }

    /** Each exchanged line with its replacement's price and stock, as the stock source has them, for the policy. */
    private List<ClaimFacts.ReplacementFact> replacements(List<ClaimItem> exchanged, List<String> replacementSkus,
                                                          Map<String, Integer> available, String currency) {
        if (exchanged.isEmpty()) {
            return List.of();
        }
        Map<String, java.math.BigDecimal> prices = unitPrices(replacementSkus, currency);
        return exchanged.stream().map(item -> new ClaimFacts.ReplacementFact(item.shippedSku(), item.quantity(),
                item.unitPrice().amount(), prices.get(item.shippedSku()), available.get(item.shippedSku()))).toList();
    }

    /** Like stock: a price that cannot be read is unknown, and the policy then sends the exchange to a person. */
    private Map<String, java.math.BigDecimal> unitPrices(List<String> skus, String currency) {
        try {
            return stock.unitPrices(skus, currency);
        } catch (RuntimeException e) {
            LOG.warnf("Prices could not be read, treated as unknown: %s", e.toString());
            return Map.of();
        }
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

}
