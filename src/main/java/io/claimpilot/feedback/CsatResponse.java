package io.claimpilot.feedback;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A claim's customer satisfaction answer: one per claim, a later answer replaces it (written by {@link CustomerSatisfaction}). */
@Entity
@Table(name = "csat_response")
public class CsatResponse extends PanacheEntityBase {

    @Id
    @Column(name = "claim_id")
    public String claimId;
    /** 1 (very unsatisfied) to 5 (very satisfied); 4 and 5 count as satisfied. */
    public int score;
    /** The customer's own words; blanked when the customer's data is erased. */
    public String comment;
    @Enumerated(EnumType.STRING)
    public CsatSource source;
    /** When the first answer arrived. */
    @Column(name = "received_at")
    public Instant receivedAt;
    /** When the answer now on record arrived. */
    @Column(name = "updated_at")
    public Instant updatedAt;
}
