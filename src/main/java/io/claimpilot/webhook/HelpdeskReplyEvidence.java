package io.claimpilot.webhook;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.EvidenceAuthor;
import io.claimpilot.claim.EvidenceRequest;
import io.claimpilot.claim.EvidenceType;
import io.claimpilot.claim.TrackingNumbers;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.helpdesk.AttachmentDownloads;
import io.claimpilot.connector.helpdesk.HelpdeskReply;
import io.claimpilot.flow.ClaimIntake;
import io.claimpilot.photo.ClaimPhoto;
import io.claimpilot.photo.CleanPhoto;
import io.claimpilot.photo.PhotoCleaner;
import io.claimpilot.photo.PhotoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's reply in the claim's helpdesk ticket, read as evidence, in the webhook job's transaction: its image
 * attachments become PHOTO evidence (checked and stored like uploads), the tracking numbers in its text become
 * TRACKING_NUMBER evidence, and either re-evaluates a claim waiting for evidence, as the API does. Each reply is read
 * once ({@link ReadHelpdeskReply}), a photo already on the claim (same content) or a tracking number already given is
 * not added twice, and whatever is left out is left out with its reason in the outcome.
 */
@ApplicationScoped
public class HelpdeskReplyEvidence {

    @Inject
    ClaimIntake intake;
    @Inject
    PhotoSettings photos;
    @Inject
    Clock clock;

    /** Whether this reply was read before: the webhook's second delivery of it, or a later list of the ticket. */
    boolean wasRead(String provider, String messageId) {
        return ReadHelpdeskReply.wasRead(provider, messageId);
    }

    /**
     * Reads the reply for the claim; {@code downloads} is null when the helpdesk's API is not configured (attachments
     * then cannot be fetched, and the outcome says so). Returns the one-line outcome (no personal data).
     */
    String read(String provider, String claimId, HelpdeskReply reply, AttachmentDownloads downloads) {
        EvidenceAuthor by = EvidenceAuthor.channel(provider);
        List<String> parts = new ArrayList<>();
        int added = 0;
        for (int i = 0; i < reply.attachments().size(); i++) {
            String result = attachment(claimId, by, "attachments[" + i + "]", reply.attachments().get(i), downloads);
            if (result == null) {
                added++;
            } else {
                parts.add("attachment " + (i + 1) + " ignored: " + result);
            }
        }
        int tracking = trackingNumbers(claimId, by, reply.text());
        String summary = "Reply " + reply.messageId() + " on claim " + claimId + ": " + added + " photo(s), " + tracking
                + " tracking number(s) added" + (parts.isEmpty() ? "" : "; " + String.join("; ", parts));
        ReadHelpdeskReply read = new ReadHelpdeskReply();
        read.provider = provider;
        read.messageId = reply.messageId();
        read.claimId = claimId;
        read.outcome = summary;
        read.readAt = clock.instant();
        read.persist();
        return summary;
    }

    /** Adds one attachment as a photo; returns null when added, else why not. */
    private String attachment(String claimId, EvidenceAuthor by, String field, HelpdeskReply.Attachment attachment,
                              AttachmentDownloads downloads) {
        long max = photos.maxSize().asLongValue();
        if (!attachment.declaredImage()) {
            return "not an image (" + attachment.contentType() + ")";
        }
        if (attachment.size() != null && attachment.size() > max) {
            return "too large: " + attachment.size() + " bytes, a photo may be at most " + max;
        }
        if (downloads == null) {
            return "the helpdesk's API is not configured, so it cannot be fetched";
        }
        AttachmentDownloads.Download download = downloads.download(attachment.url(), max);
        if (!download.ok()) {
            return download.refusal();
        }
        // Checked here, before the intake: a refused photo must not spoil the transaction the rest is stored in.
        CleanPhoto clean;
        try {
            clean = PhotoCleaner.clean(field, download.bytes());
        } catch (ApiProblem e) {
            return "not a photo ClaimPilot accepts: " + e.getMessage();
        }
        List<ClaimPhoto> present = ClaimPhoto.ofClaim(claimId);
        if (present.stream().anyMatch(photo -> clean.sha256().equals(photo.sha256))) {
            return "the same photo is already on the claim";
        }
        if (present.size() >= photos.maxPerClaim()) {
            return "the claim already has " + photos.maxPerClaim() + " photos, the most it may have";
        }
        intake.addPhoto(claimId, by, field, download.bytes());
        return null;
    }

    private int trackingNumbers(String claimId, EvidenceAuthor by, String text) {
        Claim claim = Claim.findById(claimId);
        Set<String> notTracking = new HashSet<>();
        for (String value : new String[] {claim.orderId, claim.externalId, claim.paymentReference}) {
            if (value != null) {
                notTracking.add(value);
            }
        }
        Set<String> given = new HashSet<>();
        for (Evidence evidence : Evidence.forClaim(claimId)) {
            if (evidence.type == EvidenceType.TRACKING_NUMBER && evidence.trackingNumber != null) {
                given.add(evidence.trackingNumber.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT));
            }
        }
        int added = 0;
        for (String number : TrackingNumbers.find(text, notTracking)) {
            if (given.add(number)) {
                intake.addEvidence(claimId, by, new EvidenceRequest(EvidenceType.TRACKING_NUMBER, null, number));
                added++;
            }
        }
        return added;
    }

    /** A read the helpdesk refused for good (a wrong ticket, no rights) is not retried; an outage is. */
    static RuntimeException unreadable(ProviderAnswer.Unreadable e) {
        return e.retryable() ? e : new WebhookRejected(e.getMessage(), e);
    }
}
