package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.connector.helpdesk.HelpdeskTicket;
import io.claimpilot.feedback.CsatSource;
import io.claimpilot.feedback.CustomerSatisfaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Optional;

/**
 * Helpdesk satisfaction surveys (Zendesk's rating, Gorgias's survey) as CSAT answers of the claim whose ticket was
 * rated. The bodies are the ones docs/integrations.md tells the shop to configure; both are read here, at the door
 * (a body ClaimPilot cannot use is refused naming the field, and nothing is stored) and again by the job.
 */
@ApplicationScoped
public class SatisfactionSurveys {

    /** The topic satisfaction deliveries are stored under. */
    static final String TOPIC = "satisfaction";
    /** helpdesk_ticket.ticket_id's width. */
    private static final int MAX_TICKET_ID = 100;

    @Inject
    CustomerSatisfaction satisfaction;

    /** A rated ticket: its id at the helpdesk, the score on ClaimPilot's 1-5 scale, and the customer's comment. */
    public record SurveyAnswer(String ticketId, int score, String comment) {
    }

    /**
     * Zendesk's {@code {"ticket_id", "rating", "comment"}}: {@code good} counts as 5 and {@code bad} as 1 (with or without
     * a comment); {@code offered} and {@code unoffered} are no answer yet (empty).
     */
    static Optional<SurveyAnswer> zendesk(JsonNode body) {
        String ticketId = ticketId(body);
        String rating = Json.text(body, "rating");
        if (rating == null) {
            throw ApiProblem.invalidField("rating", "is required: good, bad, offered or unoffered");
        }
        int score = switch (rating.strip().toLowerCase(Locale.ROOT)) {
            case "good", "good_with_comment" -> 5;
            case "bad", "bad_with_comment" -> 1;
            case "offered", "unoffered" -> 0;
            default -> throw ApiProblem.invalidField("rating", "must be good, bad, offered or unoffered");
        };
        return score == 0 ? Optional.empty() : Optional.of(new SurveyAnswer(ticketId, score, text(body, "comment")));
    }

    /**
     * Gorgias's {@code {"ticket_id", "satisfaction_survey": {"id", "score", "body_text", "scored_datetime"}}}: the
     * HTTP integration renders every value as text, and a ticket without a scored survey renders an empty score (empty).
     */
    static Optional<SurveyAnswer> gorgias(JsonNode body) {
        String ticketId = ticketId(body);
        JsonNode survey = body.path("satisfaction_survey");
        String score = text(survey, "score");
        if (score == null) {
            return Optional.empty();
        }
        int value;
        try {
            value = Integer.parseInt(score.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("satisfaction_survey.score", "must be a whole number from 1 to 5");
        }
        if (value < CustomerSatisfaction.MIN_SCORE || value > CustomerSatisfaction.MAX_SCORE) {
            throw ApiProblem.invalidField("satisfaction_survey.score", "must be from 1 to 5, not " + value);
        }
        return Optional.of(new SurveyAnswer(ticketId, value, text(survey, "body_text")));
    }

    /**
     * Gorgias sends no delivery id, and fires on every update of the ticket: one answer (survey, score, time, comment)
     * is one delivery, so the same answer sent again is a duplicate and a changed one is new.
     */
    static String gorgiasDeliveryId(JsonNode body, SurveyAnswer answer) {
        JsonNode survey = body.path("satisfaction_survey");
        return WebhookSignatures.sha256Hex(String.join("\n", answer.ticketId(), String.valueOf(text(survey, "id")),
                Integer.toString(answer.score()), String.valueOf(text(survey, "scored_datetime")),
                String.valueOf(answer.comment())));
    }

    /**
     * Records the answer on the claim of the rated ticket, in the job's transaction. A ticket no claim has (a ticket
     * the shop opened itself, or one of another system) is done with, not retried: the outcome says so.
     */
    String record(String provider, CsatSource source, SurveyAnswer answer) {
        Optional<String> claimId = HelpdeskTicket.claimOf(provider, answer.ticketId());
        if (claimId.isEmpty()) {
            return "No claim for " + provider + " ticket " + answer.ticketId() + ": nothing recorded";
        }
        CustomerSatisfaction.Recorded recorded = satisfaction.fromHelpdesk(claimId.get(), answer.score(), answer.comment(), source);
        return (recorded.created() ? "Recorded" : "Replaced the earlier") + " CSAT answer (score " + answer.score()
                + ") on claim " + claimId.get() + " from " + provider + " ticket " + answer.ticketId();
    }

    private static String ticketId(JsonNode body) {
        String ticketId = text(body, "ticket_id");
        if (ticketId == null || ticketId.length() > MAX_TICKET_ID) {
            throw ApiProblem.invalidField("ticket_id", "is required, at most " + MAX_TICKET_ID + " characters");
        }
        return ticketId.strip();
    }

    /** A text value; templates render a missing value as empty or as {@code None}, both of which are no value. */
    private static String text(JsonNode node, String field) {
        String text = Json.text(node, field);
        return text == null || text.strip().equals("None") || text.strip().equals("null") ? null : text;
    }
}
