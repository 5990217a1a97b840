package io.claimpilot.stock;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class StockApiTest {

    @Test
    void adminSetsStockAndAgentsReadIt() {
        String sku = uniqueId("SKU");
        as(AGENT).get("/api/stock/" + sku).then().statusCode(404).contentType("application/problem+json");

        as(ADMIN).body(Map.of("available", 5)).put("/api/stock/" + sku).then().statusCode(200)
                .body("sku", equalTo(sku)).body("available", equalTo(5)).body("updatedAt", notNullValue());
        as(ADMIN).body(Map.of("available", 2)).put("/api/stock/" + sku).then().statusCode(200).body("available", equalTo(2));
        as(AGENT).get("/api/stock/" + sku).then().statusCode(200).body("available", equalTo(2));
    }

    @Test
    void negativeOrMissingStockIsRefused() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", -1)).put("/api/stock/" + sku).then().statusCode(400).body("field", equalTo("available"));
        as(ADMIN).body(Map.of()).put("/api/stock/" + sku).then().statusCode(400).body("field", equalTo("available"));
        as(ADMIN).body(Map.of("available", "many")).put("/api/stock/" + sku).then().statusCode(400).body("field", equalTo("available"));
        as(AGENT).get("/api/stock/" + sku).then().statusCode(404);
    }
}
