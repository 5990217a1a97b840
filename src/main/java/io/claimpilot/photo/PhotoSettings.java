package io.claimpilot.photo;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Photo limits and storage ({@code claimpilot.photos.*}). A photo also travels in a request body, which
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

    /** Where new photos' bytes go; photos already stored stay readable where they are (see {@link PhotoStorages}). */
    @WithDefault("database")
    Storage storage();

    S3 s3();

    enum Storage {
        /** The {@code claim_photo.bytes} column, in the same transaction as the evidence. */
        DATABASE,
        /** An S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2 ...): {@code claimpilot.photos.s3.*}. */
        S3
    }

    /**
     * The bucket when {@code storage=s3}. The keys come only from the environment
     * ({@code CLAIMPILOT_PHOTOS_S3_ACCESS_KEY}, {@code CLAIMPILOT_PHOTOS_S3_SECRET_KEY}); without them the AWS default
     * chain applies (AWS_ACCESS_KEY_ID..., a profile, an instance or task role).
     */
    interface S3 {

        /** Required with {@code storage=s3}. */
        Optional<String> bucket();

        /** Another S3-compatible service (MinIO: {@code http://minio:9000}); AWS's own endpoint when absent. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}: what MinIO and most others need. */
        @WithDefault("false")
        boolean pathStyle();

        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Connecting and each read; an upload that hangs holds the claim's lock. */
        @WithDefault("10s")
        Duration timeout();
    }
}
