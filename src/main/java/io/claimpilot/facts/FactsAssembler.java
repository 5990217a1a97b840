package io.claimpilot.facts;

import io.claimpilot.blocklist.BlocklistService;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.EvidenceType;
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

    @Inject
    ClaimHistory history;
    @Inject
    StockSource stock;
    @Inject
    BlocklistService blocklist;
    @Inject
    Clock clock;

    public ClaimFacts assemble(Claim claim, List<Evidence> evidence) {
        Instant now = clock.instant();
        Map<String, Integer> available = stock.available(claim.items.stream().map(ClaimItem::sku).distinct().toList());
        List<ClaimFacts.ItemFact> items = claim.items.stream()
                .map(item -> new ClaimFacts.ItemFact(item.sku(), item.quantity(), item.unitPrice().amount(),
                        available.getOrDefault(item.sku(), 0)))
                .toList();
        BigDecimal refundable = claim.orderTotalPaid.subtract(history.refundedOnOrder(claim.orderId, claim.id)).max(BigDecimal.ZERO);
        String currency = claim.currency;
        Optional<String> blocked = blocklist.match(claim.customerId, claim.customerEmail);
        return new ClaimFacts(
                claim.id, claim.orderId, claim.reason.name(), claim.fulfillment.name(), claim.currency,
                Money.scaled(claim.amount, currency), Money.scaled(claim.orderTotalPaid, currency), Money.scaled(refundable, currency),
                items, !items.isEmpty() && items.stream().allMatch(ClaimFacts.ItemFact::inStock),
                evidence.stream().anyMatch(e -> e.type == EvidenceType.PHOTO),
                evidence.stream().anyMatch(e -> e.type == EvidenceType.TRACKING_NUMBER),
                claim.customerId,
                history.claimsByCustomerSince(claim.customerId, now.minus(Duration.ofDays(30))),
                history.claimsByCustomerSince(claim.customerId, now.minus(Duration.ofDays(90))),
                Money.scaled(history.refundedToCustomerSince(claim.customerId, currency, now.minus(Duration.ofDays(30))), currency),
                Money.scaled(history.refundedToCustomerSince(claim.customerId, currency, now.minus(Duration.ofDays(90))), currency),
                blocked.isPresent(), blocked.orElse(null),
                claim.createdAt, now);
    }
}
