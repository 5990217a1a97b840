package io.claimpilot.review;

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
import java.util.List;

/** Something that happened to a review task without changing the claim's status: taken, released, timed out. */
@Entity
@Table(name = "review_event")
public class ReviewEvent extends PanacheEntityBase {

    public enum Kind {
        TAKEN,
        RELEASED,
        TIMED_OUT,
        /** A refund above the four-eyes amount waits for a second agent. */
        REFUND_PROPOSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String actor;
    public String detail;
    public Instant at;

    public static void record(String claimId, Kind kind, String actor, String detail, Instant at) {
        ReviewEvent event = new ReviewEvent();
        event.claimId = claimId;
        event.kind = kind;
        event.actor = actor;
        event.detail = detail;
        event.at = at;
        event.persist();
    }

    public static List<ReviewEvent> forClaim(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}
