package io.claimpilot.photo;

/**
 * Where a photo's bytes live. PostgreSQL ({@link DatabasePhotoStorage}) is the default and the only one built so
 * far. An S3-compatible bucket would be another implementation (selected by a new setting, with its object key
 * derived from {@link ClaimPhoto#id}, and its own deletion on erasure, which today deletes the rows). The metadata
 * row stays in PostgreSQL either way.
 */
public interface PhotoStorage {

    /** The value of {@link ClaimPhoto#storage} for photos this storage holds. */
    String name();

    /** Stores the bytes of a photo whose row is already persisted, in the caller's transaction where it has one. */
    void save(ClaimPhoto photo, byte[] bytes);

    byte[] load(ClaimPhoto photo);
}
