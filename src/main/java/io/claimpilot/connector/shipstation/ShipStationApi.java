package io.claimpilot.connector.shipstation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The part of ShipStation's API (v1) that ClaimPilot calls. */
@Path("/orders")
public interface ShipStationApi {

    @POST
    @Path("/createorder")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response createOrder(@HeaderParam("Authorization") String authorization, String order);
}
