package io.claimpilot.photo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;

/**
 * The photo storages and which one takes new photos ({@code claimpilot.photos.storage}). A photo is read and deleted
 * where its row says it is, so switching from the database to a bucket leaves the older photos readable. A bucket
 * selected without a name, or with one key and not the other, stops the start-up with a message that says so.
 */
@ApplicationScoped
public class PhotoStorages {

    private final PhotoStorage current;
    private final DatabasePhotoStorage database;
    private final S3PhotoStorage bucket;
    private final S3Client client;

    @Inject
    PhotoStorages(PhotoSettings settings, DatabasePhotoStorage database, TransactionSynchronizationRegistry transactions) {
        this.database = database;
        PhotoSettings.S3 s3 = settings.s3();
        boolean bucketConfigured = s3.bucket().isPresent();
        if (settings.storage() == PhotoSettings.Storage.S3 || bucketConfigured) {
            // A bucket left configured after switching back to the database keeps its photos readable and erasable.
            requireValid(s3);
            this.client = S3PhotoStorage.client(s3);
            this.bucket = new S3PhotoStorage(client, s3.bucket().orElseThrow(), transactions);
        } else {
            this.client = null;
            this.bucket = null;
        }
        this.current = settings.storage() == PhotoSettings.Storage.S3 ? bucket : database;
    }

    /** For tests: the given storages, the bucket one taking new photos when present. */
    PhotoStorages(DatabasePhotoStorage database, S3PhotoStorage bucket) {
        this.database = database;
        this.bucket = bucket;
        this.client = null;
        this.current = bucket == null ? database : bucket;
    }

    /** The problems of a bucket configuration, all at once, or nothing when it can be used. */
    static List<String> problems(PhotoSettings.S3 s3) {
        List<String> problems = new ArrayList<>();
        if (s3.bucket().filter(name -> !name.isBlank()).isEmpty()) {
            problems.add("claimpilot.photos.s3.bucket is required (the bucket's name)");
        }
        if (s3.accessKey().isPresent() != s3.secretKey().isPresent()) {
            problems.add("CLAIMPILOT_PHOTOS_S3_ACCESS_KEY and CLAIMPILOT_PHOTOS_S3_SECRET_KEY go together: set both,"
                    + " or neither to use the AWS default credentials");
        }
        return problems;
    }

    private static void requireValid(PhotoSettings.S3 s3) {
        List<String> problems = problems(s3);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The photo bucket (claimpilot.photos.storage=s3) is not usable: " + String.join("; ", problems));
        }
    }

    /** Builds the storages at start-up, so a misconfigured bucket stops the service rather than the first upload. */
    void checkAtStartup(@Observes StartupEvent started) {
        current.name();
    }

    void close(@Observes ShutdownEvent stopped) {
        if (client != null) {
            client.close();
        }
    }

    /** Where new photos go. */
    public PhotoStorage current() {
        return current;
    }

    /** Where this photo is. */
    public PhotoStorage holding(ClaimPhoto photo) {
        if (photo.storage.equals(database.name())) {
            return database;
        }
        if (bucket != null && photo.storage.equals(bucket.name())) {
            return bucket;
        }
        throw new IllegalStateException("Photo " + photo.id + " is in storage '" + photo.storage + "', which is not configured"
                + " (claimpilot.photos.storage=s3 and its bucket settings)");
    }
}
