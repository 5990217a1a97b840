package io.claimpilot.photo;

/**
 * Where a photo's bytes live: PostgreSQL ({@link DatabasePhotoStorage}, the default) or an S3-compatible bucket
 * ({@link S3PhotoStorage}), chosen by {@link PhotoStorages}. The metadata row ({@link ClaimPhoto}) stays in PostgreSQL
 * either way, naming the storage and, for a bucket, the object.
 */
public interface PhotoStorage {

    /** The value of {@link ClaimPhoto#storage} for photos this storage holds. */
    String name();

    /**
     * Stores the bytes of a photo whose row is already persisted, in the caller's transaction where it has one. It
     * may set {@link ClaimPhoto#storageRef}. A storage that cannot take the bytes throws, which rolls the row back.
     */
    void save(ClaimPhoto photo, byte[] bytes);

    byte[] load(ClaimPhoto photo);

    /**
     * Deletes the bytes of a photo whose row is being deleted (erasure). Deleting what is already gone is no error.
     * Bytes kept in the row go with it: the database storage has nothing to do.
     */
    void delete(ClaimPhoto photo);
}
