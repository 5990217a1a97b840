package io.claimpilot.connector.wms;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletionStage;

/** The generic warehouse's stock API, as a typed REST client: {@code GET {base}/stock/{sku}}. */
public interface WmsApi {

    /** @param authorization {@code Bearer <token>}, or null when the warehouse needs none (no header is sent) */
    @GET
    @Path("/stock/{sku}")
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> stock(@PathParam("sku") String sku, @HeaderParam("Authorization") String authorization);
}
