package io.claimpilot.connector.helpdesk;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The part of the Zendesk Support API that ClaimPilot calls, as a typed REST client; Jackson writes the bodies. */
@Path("/api/v2")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ZendeskApi {

    @POST
    @Path("/tickets.json")
    Response createTicket(@HeaderParam("Authorization") String authorization,
                          @HeaderParam("Idempotency-Key") String idempotencyKey, Map<String, Object> ticket);

    @PUT
    @Path("/tickets/{id}.json")
    Response updateTicket(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                          @HeaderParam("Idempotency-Key") String idempotencyKey, Map<String, Object> ticket);

    @PUT
    @Path("/tickets/{id}/tags.json")
    Response addTags(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                     Map<String, Object> tags);
}
