package io.claimpilot.webhook;

import com.stripe.Stripe;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * Stripe renders an event's {@code data.object} in the API version of the webhook endpoint (the event's
 * {@code api_version}), not in the one ClaimPilot targets, the version stripe-java pins ({@link Stripe#API_VERSION}).
 * A field we read can move between versions (a charge stopped listing its refunds in 2022-11-15), so a delivery in
 * another version is logged as a warning, once per version: enough to act on, not a line per event.
 */
@ApplicationScoped
public class StripeApiVersions {

    public static final String TARGETED = Stripe.API_VERSION;

    private static final Logger LOG = Logger.getLogger(StripeApiVersions.class);
    /** Stripe's versions look like 2022-11-15 or 2025-12-15.clover; anything else is not logged as it is. */
    private static final Pattern VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.[a-z]{1,20})?");

    private final VersionWarnings warnings = new VersionWarnings(VERSION, "(unrecognised)");

    /**
     * Notes the version a verified event was sent in: the {@code Stripe-Version} header when there is one, else the
     * event's {@code api_version}. True when it differs from the targeted one and was not warned about before.
     */
    public boolean noteDelivered(String header, String apiVersion) {
        String version = header != null && !header.isBlank() ? header.strip() : apiVersion;
        String shown = version == null || version.isBlank() ? null : warnings.firstOther(version, TARGETED);
        if (shown == null) {
            return false;
        }
        LOG.warnf("A Stripe event came in API version %s, and ClaimPilot reads events as API version %s (stripe-java): set"
                + " the webhook endpoint's API version to %s in the Stripe dashboard, or check docs/integrations.md"
                + " (Provider contracts) for the fields read. Logged once per version.", shown, TARGETED, TARGETED);
        return true;
    }
}
