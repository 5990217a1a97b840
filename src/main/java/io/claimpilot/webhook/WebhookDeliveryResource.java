package io.claimpilot.webhook;

import io.claimpilot.common.Page;
import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Received webhooks for admins: what each delivery did or why it failed, and a way to send a failed one round again. */
@Path("/api/webhooks/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookDeliveryResource {

    @Inject
    WebhookInbox inbox;

    @GET
    public Page<WebhookInbox.DeliveryView> list(@QueryParam("status") String status, @QueryParam("provider") String provider,
                                                @QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("20") int size) {
        return inbox.list(status, provider, page, size);
    }

    @POST
    @Path("/{id}/retry")
    public WebhookInbox.DeliveryView retry(@PathParam("id") long id) {
        return inbox.retry(id);
    }
}
