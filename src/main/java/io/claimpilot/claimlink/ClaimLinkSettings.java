package io.claimpilot.claimlink;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Customer claim links ({@code claimpilot.claim-links.*}; README, "The customer claim form"). */
@ConfigMapping(prefix = "claimpilot.claim-links")
public interface ClaimLinkSettings {

    /** How long a new link stays valid. */
    @WithDefault("P30D")
    Duration validity();

    /**
     * The HMAC-SHA256 key that signs links, at least 32 characters, the same on every replica; only from the
     * environment ({@code CLAIMPILOT_CLAIM_LINKS_SIGNING_KEY}). See {@link ClaimLinkKey} for when it is unset.
     */
    Optional<String> signingKey();

    /** Demo and dev profiles without a key: the file a generated key is kept in (owner-only), reused at restarts. */
    @WithDefault("data/claim-link-signing.key")
    String keyFile();

    /** Form posts (claims and evidence uploads) one address may make within {@link #submitWindow()}. */
    @WithDefault("20")
    int maxSubmitsPerAddress();

    @WithDefault("10m")
    Duration submitWindow();

    /** A form post's body limit (common/TooLargeBodies reads it): 5 photos of 10 MiB and the fields. */
    @WithDefault("52M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();
}
