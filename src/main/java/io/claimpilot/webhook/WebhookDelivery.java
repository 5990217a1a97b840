package io.claimpilot.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One verified webhook delivery, stored raw as it arrived, and what processing it did. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    /** PENDING until processed; DONE, or FAILED after the last attempt (an admin can send it round again). */
    public enum Status { PENDING, DONE, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String provider;
    @Column(name = "delivery_id")
    public String deliveryId;
    /** The provider's id of the event, when it sends one apart from the delivery id (Shopify's X-Shopify-Event-Id). */
    @Column(name = "event_id")
    public String eventId;
    /** The provider's event kind: Shopify topic, Stripe event type, ShipStation resource type, WMS event type. */
    public String topic;
    /** The raw body, byte for byte: what the signature covered. */
    public byte[] body;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    /** What processing did, in a line: the claim created, the refunds reported, or why nothing was done. */
    public String outcome;
    /** How many copies of this delivery the provider sent afterwards, refused as duplicates. */
    public int duplicates;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "processed_at")
    public Instant processedAt;

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
