package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.List;

/**
 * ShipStation {@code SHIP_NOTIFY}: fetches the shipments behind {@code resource_url} and fires
 * {@link ReshipmentShipped} for each one that shipped. Voided labels are skipped, and so are return labels: a return
 * label being created is not a reshipment, and not a parcel back at the warehouse either (that is a WMS
 * {@code RETURN_SCANNED} event, see {@link WmsWebhookHandler}).
 */
@ApplicationScoped
public class ShipStationWebhookHandler implements WebhookHandler {

    public static final String PROVIDER = "shipstation";

    @Inject
    ShipStationShipments shipments;
    @Inject
    Event<ReshipmentShipped> shipped;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        JsonNode notification = Json.read(delivery.body);
        String resourceUrl = Json.text(notification, "resource_url");
        if (resourceUrl == null) {
            throw new WebhookRejected("resource_url is missing");
        }
        List<ShipStationShipments.Shipment> fetched = shipments.fetch(resourceUrl);
        int reported = 0;
        for (ShipStationShipments.Shipment shipment : fetched) {
            if (shipment.voided() || shipment.returnLabel() || shipment.orderKey() == null) {
                continue;
            }
            shipped.fire(new ReshipmentShipped(shipment.orderKey(), shipment.trackingNumber(), shipment.carrierCode(),
                    shipment.shipDate()));
            reported++;
        }
        return "Reported " + reported + " of " + fetched.size() + " shipments as shipped";
    }
}
