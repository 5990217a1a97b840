package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The part of the Zendesk Support API that ClaimPilot calls, as a typed REST client; Jackson writes the bodies. */
@Path("/api/v2")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ZendeskApi {

    @POST
    @Path("/tickets.json")
    Response createTicket(@HeaderParam("Authorization") String authorization,
                          @HeaderParam("Idempotency-Key") String idempotencyKey, TicketBody ticket);

    @PUT
    @Path("/tickets/{id}.json")
    Response updateTicket(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                          @HeaderParam("Idempotency-Key") String idempotencyKey, TicketBody ticket);

    @PUT
    @Path("/tickets/{id}/tags.json")
    Response addTags(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                     Tags tags);

    /** A ticket's comments, newest first: each with its {@code attachments} ({@code id}, {@code content_url}, ...). */
    @GET
    @Path("/tickets/{id}/comments.json")
    Response comments(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                      @QueryParam("sort_order") String sortOrder);

    /** {@code {"ticket": {...}}}, the envelope of every ticket write. */
    record TicketBody(Ticket ticket) {
    }

    /** A new ticket, or (only {@code comment} set) a comment added to one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ticket(String subject, Comment comment, Person requester, @JsonProperty("external_id") String externalId,
                  List<String> tags) {
        static Ticket commentOnly(Comment comment) {
            return new Ticket(null, comment, null, null, null);
        }
    }

    /** {@code public} false is an internal note. */
    record Comment(String body, @JsonProperty("public") boolean isPublic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Person(String email, String name) {
    }

    record Tags(List<String> tags) {
    }
}
