package io.claimpilot.stock;

import io.claimpilot.claim.ClaimRequestValidator;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** The embedded stock table, until a WMS connector replaces it. */
@Path("/api/stock/{sku}")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {

    @Inject
    EmbeddedStockSource stock;

    /** {@code unitPrice} is optional: the price an exchange's replacement is compared with. */
    public record StockUpdate(Integer available, Money unitPrice) {
    }

    public record StockView(String sku, int available, Money unitPrice, Instant updatedAt) {
        static StockView of(StockLevel level) {
            return new StockView(level.sku, level.available,
                    level.unitPrice == null ? null : Money.canonical(level.unitPrice, level.currency), level.updatedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public StockView get(@PathParam("sku") String sku) {
        StockLevel level = stock.find(sku);
        if (level == null) {
            throw ApiProblem.notFound("Stock for SKU " + sku);
        }
        return StockView.of(level);
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    public StockView set(@PathParam("sku") String sku, StockUpdate update) {
        if (sku.isBlank() || sku.length() > 100) {
            throw ApiProblem.invalidField("sku", "must be 1 to 100 characters");
        }
        if (update == null || update.available() == null) {
            throw ApiProblem.invalidField("available", "is required");
        }
        if (update.unitPrice() != null) {
            ClaimRequestValidator.checkMoney("unitPrice", update.unitPrice());
        }
        return StockView.of(stock.set(sku, update.available(), update.unitPrice()));
    }
}
