package io.claimpilot.photo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.claimpilot.common.Sha256;
import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.photo.PhotoFixtures.GPS_RATIONALS;
import static io.claimpilot.photo.PhotoFixtures.contains;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * Photos in an S3-compatible bucket, against WireMock acting as one (path-style, as MinIO): what the SDK sends
 * (SigV4-signed requests, the cleaned bytes with their checksum), what a failing bucket does to an upload, and that
 * erasure deletes the objects. The running application's {@link PhotoStorages} is swapped for one whose bucket is
 * the fake, built by the same code as from the settings.
 */
@QuarkusTest
class S3PhotoStorageTest {

    private static final String BUCKET = "claimpilot-photos-test";
    private static final String ACCESS_KEY = "AKIAS3PHOTOTEST";
    private static WireMockServer s3;

    @Inject
    Db db;
    @Inject
    DatabasePhotoStorage database;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    ClaimPhotos photos;

    record Bucket(Optional<String> bucket, Optional<URI> endpoint, String region, boolean pathStyle,
                  Optional<String> accessKey, Optional<String> secretKey, Duration timeout) implements PhotoSettings.S3 {
    }

    @BeforeAll
    static void startBucket() {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
    }

    @AfterAll
    static void stopBucket() {
        s3.stop();
    }

    @BeforeEach
    void photosGoToTheFakeBucket() {
        s3.resetAll();
        Bucket settings = new Bucket(Optional.of(BUCKET), Optional.of(URI.create(s3.baseUrl())), "eu-west-3", true,
                Optional.of(ACCESS_KEY), Optional.of("s3-photo-test-secret"), Duration.ofSeconds(5));
        S3PhotoStorage bucket = new S3PhotoStorage(S3PhotoStorage.client(settings), BUCKET, transactions);
        QuarkusMock.installMockForType(new PhotoStorages(database, bucket), PhotoStorages.class);
    }

    /**
     * The shared database keeps every other test's rows, but not these: once this class's fake bucket is gone, a
     * photo row pointing into it could be neither read nor erased (an erasure that cannot delete a photo fails whole),
     * and the retention job of another test would meet it.
     */
    @AfterEach
    void forgetThePhotosOfTheFakeBucket() {
        db.execute("delete from claim_photo where storage = 's3' and storage_ref like ?1", "s3://" + BUCKET + "/%");
    }

    private static Response upload(String claimId, byte[] content) {
        return given().header("Authorization", "Bearer " + SHOP).multiPart("photo", "IMG_0001.JPG", content, "image/jpeg")
                .post("/api/claims/" + claimId + "/photos");
    }

    @Test
    void aPhotoIsStoredInTheBucketCleanedAndSignedAndServedFromIt() {
        s3.stubFor(put(urlPathMatching("/" + BUCKET + "/claims/.*")).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"1\"")));
        String id = PhotoEvidenceApiTest.damagedClaimWaitingForAPhoto();

        String photoId = upload(id, PhotoFixtures.jpegWithGps()).then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED")).extract().path("evidence[0].photoId");

        String key = "/" + BUCKET + "/claims/" + id + "/" + photoId;
        List<LoggedRequest> puts = s3.findAll(putRequestedFor(urlEqualTo(key)));
        assertThat(puts).hasSize(1);
        LoggedRequest sent = puts.get(0);
        assertThat(sent.getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                .contains("/eu-west-3/s3/aws4_request")
                .contains("SignedHeaders=").contains("Signature=");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("image/jpeg");
        byte[] stored = objectBytes(sent);
        assertThat(sent.getHeader("x-amz-decoded-content-length")).isEqualTo(String.valueOf(stored.length));
        assertThat(contains(stored, GPS_RATIONALS)).as("the position never reaches the bucket").isFalse();
        assertThat(db.strings("select storage || ' ' || storage_ref || ' ' || sha256 || ' ' || size_bytes || ' '"
                + " || (bytes is null) from claim_photo where id = ?1", photoId))
                .containsExactly("s3 s3://" + BUCKET + "/claims/" + id + "/" + photoId + " " + Sha256.hex(stored) + " "
                        + stored.length + " true");

        s3.stubFor(get(urlEqualTo(key)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(stored)));
        Response served = given().header("Authorization", "Bearer " + AGENT).get("/api/claims/" + id + "/photos/" + photoId);
        served.then().statusCode(200).contentType("image/jpeg");
        assertThat(served.asByteArray()).isEqualTo(stored);
    }

    @Test
    void aBucketThatRefusesTheUploadIsA503AndNothingIsStored() {
        s3.stubFor(put(urlPathMatching("/" + BUCKET + "/.*")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));
        String id = PhotoEvidenceApiTest.damagedClaimWaitingForAPhoto();

        upload(id, PhotoFixtures.jpegWithGps()).then().statusCode(503)
                .contentType("application/problem+json")
                .body("title", equalTo("Photo storage unavailable"));

        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
        assertThat(db.count("select count(*) from evidence where claim_id = ?1", id)).isZero();
        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("AWAITING_EVIDENCE"));
    }

    @Test
    void anUploadWhoseTransactionRollsBackIsDeletedFromTheBucket() {
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        s3.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));
        String id = PhotoEvidenceApiTest.damagedClaimWaitingForAPhoto();
        CleanPhoto photo = PhotoCleaner.clean("photo", PhotoFixtures.pngWithGps());
        String[] photoId = new String[1];

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            photoId[0] = photos.add(id, "photo", photo, "test").id;
            throw new IllegalStateException("a later step fails");
        })).hasMessageContaining("a later step fails");

        s3.verify(1, putRequestedFor(urlEqualTo("/" + BUCKET + "/claims/" + id + "/" + photoId[0])));
        s3.verify(1, deleteRequestedFor(urlEqualTo("/" + BUCKET + "/claims/" + id + "/" + photoId[0])));
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
    }

    @Test
    void erasingTheCustomerDeletesTheirPhotosFromTheBucketAndABucketErrorErasesNothing() {
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        String id = PhotoEvidenceApiTest.damagedClaimWaitingForAPhoto();
        String photoId = upload(id, PhotoFixtures.jpegWithGps()).then().statusCode(200).extract().path("evidence[0].photoId");
        String customer = as(AGENT).get("/api/claims/" + id).path("customer.id");
        String key = "/" + BUCKET + "/claims/" + id + "/" + photoId;

        s3.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));
        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(503).contentType("application/problem+json");
        assertThat(db.count("select count(*) from claim_photo where id = ?1", photoId)).as("retried later, whole").isOne();
        assertThat(db.count("select count(*) from claim where id = ?1 and erased_at is null", id)).isOne();

        s3.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));
        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(200);

        s3.verify(2, deleteRequestedFor(urlEqualTo(key)));
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
        assertThat(s3.getAllServeEvents()).allSatisfy(event ->
                assertThat(event.getRequest().getHeader("Authorization")).as("every request signed").startsWith("AWS4-HMAC-SHA256 "));
    }

    @Test
    void aBucketSelectedWithoutItsNameOrWithHalfTheKeysStopsTheStartUp() {
        PhotoSettings noBucket = settings(PhotoSettings.Storage.S3, new Bucket(Optional.empty(), Optional.empty(), "us-east-1",
                false, Optional.empty(), Optional.empty(), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> new PhotoStorages(noBucket, database, transactions))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The photo bucket (claimpilot.photos.storage=s3) is not usable: claimpilot.photos.s3.bucket is required"
                        + " (the bucket's name)");
        PhotoSettings halfTheKeys = settings(PhotoSettings.Storage.S3, new Bucket(Optional.of(BUCKET), Optional.empty(), "us-east-1",
                false, Optional.of(ACCESS_KEY), Optional.empty(), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> new PhotoStorages(halfTheKeys, database, transactions))
                .hasMessageContaining("CLAIMPILOT_PHOTOS_S3_ACCESS_KEY and CLAIMPILOT_PHOTOS_S3_SECRET_KEY go together")
                .hasMessageNotContaining(ACCESS_KEY);
        PhotoSettings databaseOnly = settings(PhotoSettings.Storage.DATABASE, new Bucket(Optional.empty(), Optional.empty(),
                "us-east-1", false, Optional.empty(), Optional.empty(), Duration.ofSeconds(1)));
        assertThat(new PhotoStorages(databaseOnly, database, transactions).current()).isSameAs(database);
    }

    private static PhotoSettings settings(PhotoSettings.Storage storage, PhotoSettings.S3 s3) {
        return new PhotoSettings() {
            @Override
            public io.quarkus.runtime.configuration.MemorySize maxSize() {
                return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(10 << 20));
            }

            @Override
            public int maxPerClaim() {
                return 5;
            }

            @Override
            public Storage storage() {
                return storage;
            }

            @Override
            public S3 s3() {
                return s3;
            }
        };
    }

    /**
     * The object's bytes as S3 stores them. By default the SDK sends them {@code aws-chunked} (each chunk signed over
     * plain HTTP), with a CRC32 checksum in a trailer; S3 and MinIO decode that and check the checksum, and so does
     * this test.
     */
    private static byte[] objectBytes(LoggedRequest put) {
        assertThat(put.getHeader("Content-Encoding")).isEqualTo("aws-chunked");
        assertThat(put.getHeader("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
        byte[] body = put.getBody();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            assertThat(header).as("a signed chunk").contains(";chunk-signature=");
            int size = Integer.parseInt(header.split(";")[0], 16);
            at = lineEnd + 2;
            if (size == 0) {
                String trailer = new String(body, at, body.length - at, StandardCharsets.US_ASCII);
                String checksum = trailer.replaceAll("(?s).*x-amz-checksum-crc32:([^\\r\\n]+).*", "$1").trim();
                assertThat(checksum).isEqualTo(crc32Base64(data.toByteArray()));
                return data.toByteArray();
            }
            data.write(body, at, size);
            at += size + 2;
        }
    }

    private static String crc32Base64(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no chunk header end in the request body");
    }
}
