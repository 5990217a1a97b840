package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The part of the Gorgias API that ClaimPilot calls, as a typed REST client; Jackson writes the bodies. */
@Path("/api/tickets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface GorgiasApi {

    @POST
    Response createTicket(@HeaderParam("Authorization") String authorization, Ticket ticket);

    @POST
    @Path("/{id}/messages")
    Response addMessage(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                        Message message);

    @POST
    @Path("/{id}/tags")
    Response addTags(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization,
                     Tags tags);

    /** A ticket's messages ({@code data}): each with {@code from_agent}, {@code channel}, {@code body_text} and its {@code attachments}. */
    @GET
    @Path("/{id}/messages")
    Response messages(@PathParam("id") String ticketId, @HeaderParam("Authorization") String authorization);

    /** A new ticket with its first message; {@code customer} is left out when the claim has no e-mail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ticket(Person customer, @JsonProperty("external_id") String externalId, String subject, String channel,
                  String via, @JsonProperty("from_agent") boolean fromAgent, List<Tag> tags, List<Message> messages) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Person(String email, String name) {
    }

    record Tag(String name) {
    }

    /** An e-mail to the customer ({@code channel} email, with a receiver) or an internal note (neither). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String channel, String via, @JsonProperty("from_agent") boolean fromAgent, Person sender,
                   Person receiver, Source source, String subject, @JsonProperty("body_text") String bodyText,
                   @JsonProperty("body_html") String bodyHtml) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String type, Address from, List<Address> to) {
    }

    record Address(String address) {
    }

    record Tags(List<String> names) {
    }
}
