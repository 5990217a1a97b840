package io.claimpilot.connector.shipstation;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The part of ShipStation's API (v1) that ClaimPilot calls, as a typed REST client. */
public interface ShipStationApi {

    @POST
    @Path("/orders/createorder")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response createOrder(@HeaderParam("Authorization") String authorization, JsonNode order);

    /**
     * A resource a webhook points to ({@code resource_url} of SHIP_NOTIFY), its path and query on the configured
     * ShipStation host only: the caller checks the URL and rebuilds it on that host before it calls.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response resource(@Url String resourceUrl, @HeaderParam("Authorization") String authorization);
}
