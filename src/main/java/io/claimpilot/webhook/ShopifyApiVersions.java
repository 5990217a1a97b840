package io.claimpilot.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * Shopify serialises each webhook in the API version of the app's subscription ({@code X-Shopify-API-Version}), which
 * can differ from the version ClaimPilot reads and calls ({@code claimpilot.shopify.api-version}): after a change in
 * {@code shopify.app.toml}, or when Shopify falls forward from a version it no longer supports. The payload is still
 * read (unknown fields are ignored), but its fields may have moved, so the first delivery of each other version is
 * logged as a warning, once per version and replica.
 */
@ApplicationScoped
public class ShopifyApiVersions {

    private static final Logger LOG = Logger.getLogger(ShopifyApiVersions.class);
    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}|unstable");

    @ConfigProperty(name = "claimpilot.shopify.api-version", defaultValue = "2026-01")
    String targeted;

    private final VersionWarnings warnings = new VersionWarnings(VERSION, "an unrecognised version");

    /** Notes the version of a verified delivery; true when this delivery is the first of a version we do not target. */
    public boolean received(String version) {
        String shown = warnings.firstOther(version, targeted);
        if (shown == null) {
            return false;
        }
        LOG.warn("Shopify sent a webhook in API version " + shown + ", not " + targeted + " (claimpilot.shopify.api-version):"
                + " align the app's webhook api_version with it, or check docs/integrations.md \"Provider contracts\" for"
                + " the fields ClaimPilot reads");
        return true;
    }
}
