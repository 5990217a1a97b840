package io.claimpilot.photo;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Sha256;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;

/**
 * Photos in an S3-compatible bucket, under {@code claims/<claimId>/<photoId>}; the row keeps the type, size and
 * SHA-256, and the object's address ({@link ClaimPhoto#storageRef}). The AWS SDK signs every request (SigV4) and
 * adds the integrity checksums S3 expects by default.
 *
 * <p>The upload happens inside the claim's transaction, before it commits: a bucket that refuses it rolls the row and
 * the evidence back (503), and an upload whose transaction later rolls back is deleted again, so no object outlives
 * its row for long. Nothing here logs a key or a secret.
 */
public class S3PhotoStorage implements PhotoStorage {

    public static final String NAME = "s3";
    private static final Logger LOG = Logger.getLogger(S3PhotoStorage.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final S3Client client;
    private final String bucket;
    private final TransactionSynchronizationRegistry transactions;

    S3PhotoStorage(S3Client client, String bucket, TransactionSynchronizationRegistry transactions) {
        this.client = client;
        this.bucket = bucket;
        this.transactions = transactions;
    }

    /** A client for the settings, which {@link PhotoStorages} has checked: a bucket, and both keys or neither. */
    static S3Client client(PhotoSettings.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.timeout())
                        .socketTimeout(settings.timeout()))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(PhotoSettings.S3 settings) {
        if (settings.accessKey().isPresent() && settings.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    static String key(ClaimPhoto photo) {
        return "claims/" + photo.claimId + "/" + photo.id;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void save(ClaimPhoto photo, byte[] bytes) {
        ObjectAddress address = new ObjectAddress(bucket, key(photo));
        try {
            client.putObject(put -> put.bucket(address.bucket()).key(address.key()).contentType(photo.contentType)
                    .contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            LOG.errorf("Photo %s could not be stored in bucket %s: %s", photo.id, address.bucket(), describe(e));
            throw ApiProblem.unavailable("Photo storage unavailable",
                    "The photo could not be stored; nothing was saved. Try again later.", RETRY_AFTER);
        }
        photo.storageRef = address.reference();
        deleteIfRolledBack(photo, address);
    }

    @Override
    public byte[] load(ClaimPhoto photo) {
        ObjectAddress address = ObjectAddress.parse(photo);
        byte[] bytes;
        try {
            bytes = client.getObjectAsBytes(get -> get.bucket(address.bucket()).key(address.key())).asByteArray();
        } catch (NoSuchKeyException e) {
            LOG.errorf("Photo %s has a row but no object in bucket %s", photo.id, address.bucket());
            throw ApiProblem.notFound("Photo " + photo.id + " of claim " + photo.claimId);
        } catch (SdkException e) {
            LOG.errorf("Photo %s could not be read from bucket %s: %s", photo.id, address.bucket(), describe(e));
            throw ApiProblem.unavailable("Photo storage unavailable", "The photo cannot be read now. Try again later.", RETRY_AFTER);
        }
        // The bucket is outside our database: serve only what was stored, never an object swapped in behind our back.
        if (!Sha256.hex(bytes).equals(photo.sha256)) {
            throw new IllegalStateException("Photo " + photo.id + " in bucket " + address.bucket() + " does not match its SHA-256");
        }
        return bytes;
    }

    @Override
    public void delete(ClaimPhoto photo) {
        ObjectAddress address = ObjectAddress.parse(photo);
        try {
            client.deleteObject(delete -> delete.bucket(address.bucket()).key(address.key()));
        } catch (SdkException e) {
            // The erasure fails and rolls back whole: it is retried later, and S3 deletes are idempotent.
            LOG.errorf("Photo %s could not be deleted from bucket %s: %s", photo.id, address.bucket(), describe(e));
            throw ApiProblem.unavailable("Photo storage unavailable",
                    "The photos cannot be deleted now; nothing was erased. Try again later.", RETRY_AFTER);
        }
    }

    private void deleteIfRolledBack(ClaimPhoto photo, ObjectAddress address) {
        if (transactions == null || transactions.getTransactionKey() == null) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    client.deleteObject(delete -> delete.bucket(address.bucket()).key(address.key()));
                } catch (SdkException e) {
                    LOG.warnf("Photo %s was uploaded by a transaction that rolled back and could not be deleted from bucket %s"
                            + " (key %s): %s", photo.id, address.bucket(), address.key(), describe(e));
                }
            }
        });
    }

    /** The S3 error code and status, or the client-side failure's type: never a request's headers or credentials. */
    private static String describe(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return s3.statusCode() + " " + s3.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName() + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
    }

    /** An object's bucket and key, as the row names it: {@code s3://bucket/key}. */
    record ObjectAddress(String bucket, String key) {

        private static final String SCHEME = "s3://";

        String reference() {
            return SCHEME + bucket + "/" + key;
        }

        static ObjectAddress parse(ClaimPhoto photo) {
            String reference = photo.storageRef;
            int slash = reference == null ? -1 : reference.indexOf('/', SCHEME.length());
            if (reference == null || !reference.startsWith(SCHEME) || slash < 0) {
                throw new IllegalStateException("Photo " + photo.id + " has no S3 object reference");
            }
            return new ObjectAddress(reference.substring(SCHEME.length(), slash), reference.substring(slash + 1));
        }
    }
}
