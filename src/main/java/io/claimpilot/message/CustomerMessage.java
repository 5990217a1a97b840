package io.claimpilot.message;

import io.claimpilot.action.MessageSituation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A message a customer was sent, as rendered, with the helpdesk's reference for it. */
@Entity
@Table(name = "customer_message")
public class CustomerMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    @Enumerated(EnumType.STRING)
    public MessageSituation situation;
    /** The language of the template used. */
    public String locale;
    /** Where it went: the helpdesk provider ({@code sandbox}, {@code zendesk}, {@code gorgias}). */
    public String channel;
    public String subject;
    public String body;
    @Column(name = "provider_reference")
    public String providerReference;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "sent_at")
    public Instant sentAt;
}
