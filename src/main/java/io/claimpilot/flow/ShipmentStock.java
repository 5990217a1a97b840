package io.claimpilot.flow;

import io.claimpilot.action.ReshipOrder;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.outbox.OutboxEntry;
import io.claimpilot.stock.StockSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stock a decided shipment takes: a reshipment takes the claimed SKUs, an exchange the replacements. Reserved in
 * the decision's transaction, before the claim moves, so that of two claims for the last unit one ships and the other
 * goes to a person (the facts alone cannot promise that: both saw the unit before either took it). Given back when the
 * shipment is superseded before it ran to the end.
 */
@ApplicationScoped
public class ShipmentStock {

    private static final Logger LOG = Logger.getLogger(ShipmentStock.class);

    @Inject
    StockSource stock;

    /** Units per SKU that the action sends; nothing for actions that ship no goods. */
    static Map<String, Integer> units(Claim claim, DecisionAction action) {
        Map<String, Integer> units = new TreeMap<>();
        if (action.shipsGoods()) {
            for (ClaimItem item : claim.items) {
                units.merge(action == DecisionAction.EXCHANGE ? item.shippedSku() : item.sku(), item.quantity(), Integer::sum);
            }
        }
        return units;
    }

    /** Takes the units for a shipment the claim is about to be decided with; a failed reservation took nothing. */
    StockSource.Reservation reserve(Claim claim, DecisionAction action) {
        Map<String, Integer> units = units(claim, action);
        return units.isEmpty() ? StockSource.Reservation.notTracked() : stock.reserve(units);
    }

    /** Why a policy's shipment went to a person instead: the agent reads this first in the queue. */
    static String shortage(StockSource.Reservation reservation, DecisionAction action) {
        return "Stock: only " + reservation.available() + " of " + reservation.shortSku() + " left, not enough for this "
                + (action == DecisionAction.EXCHANGE ? "exchange" : "reshipment")
                + " (another claim may have taken the last units); refund it, or wait for stock";
    }

    /** Gives back what superseded reshipments and exchanges had reserved; they will never ship. */
    void release(List<OutboxEntry> superseded) {
        for (OutboxEntry entry : superseded) {
            if (!entry.action.equals(ReshipOrder.ACTION)) {
                continue;
            }
            Map<String, Integer> reserved = entry.payloadAs(ReshipOrder.class).reserved();
            if (reserved != null && !reserved.isEmpty()) {
                stock.release(reserved);
                LOG.infof("Stock reserved by action %d of claim %s given back: %s", entry.id, entry.claimId, reserved.keySet());
            }
        }
    }
}
