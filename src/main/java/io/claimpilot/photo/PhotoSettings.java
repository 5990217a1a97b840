package io.claimpilot.photo;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Photo limits ({@code claimpilot.photos.*}). A photo also travels in a request body, which
 * {@code claimpilot.http.max-body-size} bounds first: raise both together.
 */
@ConfigMapping(prefix = "claimpilot.photos")
public interface PhotoSettings {

    /** The largest photo accepted, as sent (before its metadata are removed). */
    @WithDefault("10M")
    MemorySize maxSize();

    /** How many photos one claim may have, whoever added them. */
    @WithDefault("5")
    int maxPerClaim();
}
