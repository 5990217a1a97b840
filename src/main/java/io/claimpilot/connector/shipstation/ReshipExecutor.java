package io.claimpilot.connector.shipstation;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.action.ReshipOrder;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Executes RESHIP actions: a new warehouse order with the claimed items, to the claim's ship-to address, keyed by
 * the outbox key. The address is read from the claim when the action runs (it is personal data and never copied into
 * the outbox), in a short transaction that ends before the provider is called.
 */
@ApplicationScoped
public class ReshipExecutor implements ActionExecutor<ReshipOrder> {

    @Inject
    ReshipmentProviders providers;

    @Override
    public String action() {
        return ReshipOrder.ACTION;
    }

    @Override
    public Class<ReshipOrder> payloadType() {
        return ReshipOrder.class;
    }

    @Override
    public boolean movesMoneyOrGoods() {
        return true;
    }

    @Override
    public boolean callsOut(ReshipOrder order) {
        return !(providers.current() instanceof SandboxReshipmentProvider);
    }

    @Override
    public ActionResult execute(OutboxEntry entry, ReshipOrder order) {
        ReshipmentProvider.ShipTo shipTo = QuarkusTransaction.joiningExisting().call(() -> shipTo(entry.claimId));
        ReshipmentProvider.Reshipment created = providers.current().create(new ReshipmentProvider.ReshipmentRequest(entry.claimId,
                entry.idempotencyKey, order.orderId(), shipTo, order.items().stream()
                .map(item -> new ReshipmentProvider.Item(item.sku(), item.quantity(),
                        item.unitPrice() == null ? null : item.unitPrice().amount())).toList(),
                order.currency()));
        return ActionResult.done(created.orderId(), created.details());
    }

    private static ReshipmentProvider.ShipTo shipTo(String claimId) {
        Claim claim = Claim.findById(claimId);
        ClaimRequest.Address address = claim == null ? null : claim.shipTo;
        if (address == null) {
            return null; // the provider decides whether it can ship without one (the sandbox can)
        }
        String name = claim.customerName == null || claim.customerName.isBlank() ? "Customer" : claim.customerName;
        return new ReshipmentProvider.ShipTo(name, address.line1(), address.line2(), address.postalCode(), address.city(),
                address.country());
    }
}
