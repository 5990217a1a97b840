package io.claimpilot.connector.helpdesk;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The part of the Gorgias API that ClaimPilot calls, as a typed REST client; Jackson writes the bodies. */
@Path("/api/tickets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface GorgiasApi {

    @POST
    Response createTicket(@HeaderParam("Authorization") String authorization, Map<String, Object> ticket);

    @POST
    @Path("/{id}/messages")
    Response addMessage(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                        Map<String, Object> message);

    @POST
    @Path("/{id}/tags")
    Response addTags(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                     Map<String, Object> tags);
}
