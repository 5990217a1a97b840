package io.claimpilot.console;

import io.claimpilot.photo.PhotoFixtures;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.photo.PhotoFixtures.GPS_RATIONALS;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** An agent adds evidence from the claim page (a photo file or a link) and sees the photos there, behind the session. */
@QuarkusTest
class ClaimPhotosConsoleTest {

    private static final Pattern THUMBNAIL = Pattern.compile("<img src=\"(/console/claims/[^/\"]+/photos/(ph_[0-9a-f]+))\"");

    @Inject
    Db db;

    private static String damagedClaimWaitingForAPhoto() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        return as(SHOP).body(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(sku, 1, "30.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("AWAITING_EVIDENCE")).extract().path("id");
    }

    @Test
    void anAgentUploadsAPhotoFromTheClaimPageAndSeesItThere() throws IOException {
        String id = damagedClaimWaitingForAPhoto();
        Cookies session = ConsoleSession.signIn("agent");
        ExtractableResponse<Response> page = given().cookies(session).get("/console/claims/" + id).then().statusCode(200)
                .body(containsString("id=\"form-photo\"")).extract();

        given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .multiPart("csrf-token", PolicyConsoleTest.csrfToken(page.asString()))
                .multiPart("photo", "IMG_0042.jpg", PhotoFixtures.jpegWithGps(), "image/jpeg")
                .post("/console/claims/" + id + "/photos").then().statusCode(303)
                .header("Location", containsString("/console/claims/" + id + "?notice=evidence"));

        String html = given().cookies(session).get("/console/claims/" + id).then().statusCode(200)
                .body(containsString("Evidence added: PHOTO")).extract().asString();
        Matcher thumbnail = THUMBNAIL.matcher(html);
        assertThat(thumbnail.find()).as("a thumbnail of the stored photo").isTrue();
        assertThat(db.strings("select added_by from claim_photo where id = ?1", thumbnail.group(2))).containsExactly("agent");
        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("RESHIP_APPROVED"));

        Response image = given().cookies(session).get(thumbnail.group(1));
        image.then().statusCode(200).contentType("image/jpeg")
                .header("X-Content-Type-Options", "nosniff").header("Content-Disposition", "inline");
        assertThat(PhotoFixtures.contains(image.asByteArray(), GPS_RATIONALS)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(image.asByteArray())).getWidth()).isEqualTo(32);

        // Without a session the photo is not served: the console sends the visitor to sign in.
        given().redirects().follow(false).get(thumbnail.group(1)).then().statusCode(302);
    }

    @Test
    void anAgentAddsAPhotoLinkAndARefusedFileIsExplainedOnThePage() {
        String id = damagedClaimWaitingForAPhoto();
        Cookies session = ConsoleSession.signIn("agent");
        ExtractableResponse<Response> page = given().cookies(session).get("/console/claims/" + id).then().statusCode(200).extract();
        String token = PolicyConsoleTest.csrfToken(page.asString());

        given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .multiPart("csrf-token", token)
                .multiPart("photo", "mug.jpg", "<svg onload=alert(1)>".getBytes(), "image/jpeg")
                .post("/console/claims/" + id + "/photos").then().statusCode(415)
                .body(containsString("is not a JPEG, PNG, WebP or HEIC image"));
        assertThat(db.count("select count(*) from evidence where claim_id = ?1", id)).isZero();

        given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token).formParam("url", "https://helpdesk.example/attachments/mug.jpg")
                .post("/console/claims/" + id + "/evidence").then().statusCode(303);
        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("RESHIP_APPROVED"))
                .body("evidence[0].url", equalTo("https://helpdesk.example/attachments/mug.jpg"));
        assertThat(db.strings("select actor from claim_audit where claim_id = ?1 and reason = 'Evidence added: PHOTO (link)'", id))
                .containsExactly("agent");

        given().cookies(session).header("Accept-Language", "fr").get("/console/claims/" + id).then().statusCode(200)
                .body(containsString("Ajouter une photo")).body(containsString("Ajouter le lien"));
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        String id = damagedClaimWaitingForAPhoto();
        Cookies session = ConsoleSession.signIn("agent");
        ExtractableResponse<Response> page = given().cookies(session).get("/console/claims/" + id).then().statusCode(200).extract();

        int status = given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .multiPart("photo", "IMG_0042.jpg", PhotoFixtures.jpegWithGps(), "image/jpeg")
                .post("/console/claims/" + id + "/photos").then().extract().statusCode();

        assertThat(status).isEqualTo(400);
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1", id)).isZero();
    }
}
