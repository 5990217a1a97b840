package io.claimpilot.claimform;

import io.claimpilot.photo.PhotoFixtures;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;

/** Claim links and the customer form as the tests use them: a link's body, a browser's visit, a form to send. */
final class ClaimLinkFixtures {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ClaimLinkFixtures() {
    }

    /** A delivered order of one vase at 24.90 € (its own SKU, with the stock given) and two mugs, for a customer. */
    static Map<String, Object> linkBody(String locale, int vasesInStock) {
        String vase = uniqueId("VASE");
        as(ADMIN).body(Map.of("available", vasesInStock)).put("/api/stock/" + vase).then().statusCode(200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", uniqueId("order"));
        body.put("customer", new LinkedHashMap<>(Map.of("id", uniqueId("cust"), "email", uniqueId("alice") + "@example.com",
                "locale", locale, "name", "Alice Martin")));
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(new LinkedHashMap<>(Map.of("sku", vase, "name", "Blue vase", "quantity", 1, "unitPrice", money("24.90"))));
        items.add(new LinkedHashMap<>(Map.of("sku", uniqueId("MUG"), "name", "Mug", "quantity", 2, "unitPrice", money("10.00"))));
        body.put("items", items);
        body.put("order", new LinkedHashMap<>(Map.of("fulfillment", "DELIVERED", "totalPaid", money("44.90"),
                "paymentReference", "pi_" + uniqueId("ref").substring(4, 20), "placedAt", "2026-11-20T10:00:00Z")));
        return body;
    }

    /** The token of a new link for the body. */
    static String link(Map<String, Object> body) {
        String url = as(SHOP).body(body).post("/api/claim-links").then().statusCode(201).extract().path("url");
        return token(url);
    }

    static String token(String url) {
        return url.substring(url.indexOf("/claim/") + "/claim/".length()).replaceAll("/evidence$", "");
    }

    /** A browser that opened a form page: its CSRF cookie, and the form's field. */
    record Visit(String cookie, String csrf, String html) {
    }

    static Visit visit(String path) {
        Response page = given().redirects().follow(false).get(path);
        page.then().statusCode(200).contentType("text/html");
        String html = page.asString();
        Matcher csrf = CSRF.matcher(html);
        if (!csrf.find()) {
            throw new AssertionError("No CSRF field on " + path);
        }
        return new Visit(page.getCookie(CustomerFormPage.CSRF_COOKIE), csrf.group(1), html);
    }

    /** What a customer sends: fields, and photos by file name. */
    static final class Form {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, byte[]> photos = new LinkedHashMap<>();

        Form field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Form photo(String fileName, byte[] content) {
            photos.put(fileName, content);
            return this;
        }

        Form jpeg() {
            return photo("IMG_" + photos.size() + ".jpg", jpegBytes());
        }

        Response post(String path, Visit visit) {
            var request = given().redirects().follow(false);
            if (visit != null) {
                request = request.cookie(CustomerFormPage.CSRF_COOKIE, visit.cookie()).multiPart("csrf", visit.csrf());
            }
            for (Map.Entry<String, String> field : fields.entrySet()) {
                request = request.multiPart(field.getKey(), field.getValue());
            }
            for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
                request = request.multiPart("photos", photo.getKey(), photo.getValue(), "image/jpeg");
            }
            if (fields.isEmpty() && photos.isEmpty() && visit == null) {
                request = request.multiPart("lang", "en");
            }
            return request.post(path);
        }
    }

    static byte[] jpegBytes() {
        return PhotoFixtures.jpegWithGps();
    }
}
