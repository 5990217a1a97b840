package io.claimpilot.claimlink;

import io.claimpilot.claim.ClaimRequestValidator;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Links a shop gives its customers: one to make a claim about an order ({@code /claim/{token}}), and one to send the
 * photo a claim waits for ({@code /claim/{token}/evidence}). Both are {@link SignedTokens}; the order's facts stay in
 * {@link ClaimLink}, so the customer can neither read more than the form shows nor change what the claim says.
 */
@ApplicationScoped
public class ClaimLinks {

    /** An evidence link stays open until the claim's evidence deadline, or this long when it has none. */
    static final Duration EVIDENCE_LINK_VALIDITY = Duration.ofDays(30);

    @Inject
    ClaimLinkSettings settings;
    @Inject
    SignedTokens tokens;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** The answer to {@code POST /api/claim-links}. */
    public record LinkView(String id, String url, Instant expiresAt) {
    }

    /** What a customer's token opened. */
    public sealed interface Opened permits Open, Invalid {
    }

    /** A link that may still be used, or was used (its claim is set). */
    public record Open(ClaimLink link) implements Opened {
    }

    /** A link that cannot be opened; {@code expired} says whether it was ours but too old (else forged or unknown). */
    public record Invalid(boolean expired, String locale) implements Opened {
    }

    @Transactional
    public LinkView create(String caller, ClaimLinkRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        List<io.claimpilot.claim.ClaimRequest.Item> items = request.items().stream()
                .map(item -> item == null ? null : new io.claimpilot.claim.ClaimRequest.Item(item.sku(), item.quantity(),
                        item.unitPrice(), item.taxRate(), item.taxIncluded()))
                .toList();
        ClaimRequestValidator.checkOrderFacts(request.orderId(), request.customer(), items, request.order(), request.shippingAddress());
        checkNames(request.items());
        requireSigningKey();
        Instant now = clock.instant();
        ClaimLink link = new ClaimLink();
        link.id = Ids.newId("lnk");
        link.caller = caller;
        link.orderId = request.orderId();
        link.facts = request;
        link.createdAt = now;
        link.expiresAt = now.plus(settings.validity());
        link.persist();
        return new LinkView(link.id, url("/claim/" + tokens.sign(SignedTokens.Purpose.CLAIM_LINK, link.id, link.expiresAt)),
                link.expiresAt);
    }

    /** The link a token names, used or not; never throws for a customer's bad token. */
    @Transactional
    public Opened open(String token) {
        SignedTokens.Checked checked = tokens.check(SignedTokens.Purpose.CLAIM_LINK, token);
        if (checked instanceof SignedTokens.Valid valid) {
            ClaimLink link = ClaimLink.findById(valid.subject());
            if (link != null && link.facts != null) {
                return new Open(link);
            }
        } else if (checked instanceof SignedTokens.Expired expired) {
            ClaimLink link = ClaimLink.findById(expired.subject());
            return new Invalid(true, link == null || link.facts == null || link.facts.customer() == null
                    ? null : link.facts.customer().locale());
        }
        return new Invalid(false, null);
    }

    /**
     * The address where the customer sends the photo a claim waits for, valid until {@code deadline} (or 30 days), or
     * null when links are off (no signing key).
     */
    public String evidenceUrl(String claimId, Instant deadline) {
        if (!tokens.available()) {
            return null;
        }
        Instant now = clock.instant();
        Instant expiresAt = deadline != null && deadline.isAfter(now) ? deadline : now.plus(EVIDENCE_LINK_VALIDITY);
        return url("/claim/" + tokens.sign(SignedTokens.Purpose.CLAIM_EVIDENCE, claimId, expiresAt) + "/evidence");
    }

    /** The claim an evidence token names, if it is ours and still valid. */
    public SignedTokens.Checked checkEvidenceToken(String token) {
        return tokens.check(SignedTokens.Purpose.CLAIM_EVIDENCE, token);
    }

    private void checkNames(List<ClaimLinkRequest.Item> items) {
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i).name();
            if (name != null && name.length() > 200) {
                throw ApiProblem.invalidField("items[" + i + "].name", "is longer than 200 characters");
            }
        }
    }

    private void requireSigningKey() {
        if (!tokens.available()) {
            throw new ApiProblem(503, "Claim links are off",
                    "No signing key is configured: set CLAIMPILOT_CLAIM_LINKS_SIGNING_KEY (README, \"The customer claim form\")");
        }
    }

    private String url(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }
}
