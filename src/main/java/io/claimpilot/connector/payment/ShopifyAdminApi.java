package io.claimpilot.connector.payment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Shopify's GraphQL Admin API endpoint, as a typed REST client (Jackson writes the query and its variables). */
@Path("/admin/api/{version}")
public interface ShopifyAdminApi {

    @POST
    @Path("/graphql.json")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response graphql(@PathParam("version") String version,
                     @HeaderParam("X-Shopify-Access-Token") String accessToken,
                     JsonNode body);
}
