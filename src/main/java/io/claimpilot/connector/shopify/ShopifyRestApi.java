package io.claimpilot.connector.shopify;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletionStage;

/** The read-only part of the Shopify Admin REST API that ClaimPilot calls, as a typed REST client. */
@Path("/admin/api/{version}")
public interface ShopifyRestApi {

    @GET
    @Path("/orders/{id}.json")
    @Produces(MediaType.APPLICATION_JSON)
    Response order(@PathParam("version") String version, @HeaderParam("X-Shopify-Access-Token") String accessToken,
                   @PathParam("id") String orderId);

    /** At most 50 inventory item ids, comma-separated. */
    @GET
    @Path("/inventory_levels.json")
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> inventoryLevels(@PathParam("version") String version,
                                              @HeaderParam("X-Shopify-Access-Token") String accessToken,
                                              @QueryParam("inventory_item_ids") String inventoryItemIds,
                                              @QueryParam("limit") int limit);
}
