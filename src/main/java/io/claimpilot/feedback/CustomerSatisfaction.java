package io.claimpilot.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.claim.Claim;
import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Customers' satisfaction with how their claim was handled: one answer per claim, from the shop's backend or from a
 * helpdesk survey. A later answer replaces the earlier one, whatever its source.
 */
@ApplicationScoped
public class CustomerSatisfaction {

    /** The longest comment the API takes; a longer one from a helpdesk survey is cut to this length. */
    public static final int MAX_COMMENT = 2000;
    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /** The body of {@code POST /api/claims/{id}/csat}. The score stays raw JSON so that 4.5 or "5" is refused, not coerced. */
    public record Answer(JsonNode score, String comment) {
    }

    public record CsatView(int score, String comment, CsatSource source, Instant receivedAt, Instant updatedAt) {
        static CsatView of(CsatResponse row) {
            return new CsatView(row.score, row.comment, row.source, row.receivedAt, row.updatedAt);
        }
    }

    /** The answer now on record, and whether it is the claim's first ({@code false}: it replaced an earlier one). */
    public record Recorded(CsatView csat, boolean created) {
    }

    /** A shop's answer for one of its own claims (another caller's claim is 404). Nothing is stored when a field is refused. */
    @Transactional
    public Recorded answer(String claimId, String caller, Answer answer) {
        int score = score(answer == null ? null : answer.score());
        String comment = answer == null ? null : answer.comment();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ApiProblem.invalidField("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        return record(Claim.visibleTo(claimId, caller), score, comment, CsatSource.API);
    }

    /**
     * A helpdesk survey's answer, in the webhook job's transaction. A comment over {@link #MAX_COMMENT} characters is cut
     * rather than refused: the customer cannot be asked to send it again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Recorded fromHelpdesk(String claimId, int score, String comment, CsatSource source) {
        checkRange(score);
        String kept = comment == null || comment.length() <= MAX_COMMENT ? comment : comment.substring(0, MAX_COMMENT);
        return record(Claim.require(claimId), score, kept, source);
    }

    /** The claim's answer, if the customer gave one. */
    @Transactional
    public Optional<CsatView> of(String claimId) {
        return Optional.ofNullable(CsatResponse.<CsatResponse>findById(claimId)).map(CsatView::of);
    }

    /**
     * One statement, so two answers arriving together for one claim cannot both insert: the second replaces the first.
     * {@code xmax = 0} holds only for a row this statement inserted.
     */
    private Recorded record(Claim claim, int score, String comment, CsatSource source) {
        // A comment arriving after the customer's data was erased is personal text about them: it is not kept.
        String kept = claim.erasedAt != null || comment == null || comment.isBlank() ? null : comment.strip();
        Instant now = clock.instant();
        boolean inserted = (Boolean) em.createNativeQuery("insert into csat_response (claim_id, score, comment, source,"
                        + " received_at, updated_at) values (:claim, :score, :comment, :source, :now, :now)"
                        + " on conflict (claim_id) do update set score = excluded.score, comment = excluded.comment,"
                        + " source = excluded.source, updated_at = excluded.updated_at returning (xmax = 0)")
                .setParameter("claim", claim.id)
                .setParameter("score", score)
                .setParameter("comment", kept)
                .setParameter("source", source.name())
                .setParameter("now", now)
                .getSingleResult();
        CsatResponse row = CsatResponse.findById(claim.id);
        em.refresh(row);
        return new Recorded(CsatView.of(row), inserted);
    }

    private static int score(JsonNode score) {
        if (score == null || score.isNull() || score.isMissingNode()) {
            throw ApiProblem.invalidField("score", "is required: a whole number from " + MIN_SCORE + " to " + MAX_SCORE);
        }
        if (!score.isIntegralNumber() || !score.canConvertToInt()) {
            throw ApiProblem.invalidField("score", "must be a whole number from " + MIN_SCORE + " to " + MAX_SCORE);
        }
        checkRange(score.intValue());
        return score.intValue();
    }

    private static void checkRange(int score) {
        if (score < MIN_SCORE || score > MAX_SCORE) {
            throw ApiProblem.invalidField("score", "must be from " + MIN_SCORE + " to " + MAX_SCORE + ", not " + score);
        }
    }
}
