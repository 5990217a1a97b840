package io.claimpilot.api;

import io.claimpilot.common.Page;
import io.claimpilot.event.EventDeliveries;
import io.claimpilot.event.EventSubscriptions;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Subscriptions to claim events (Zapier, Make, the shop's own systems), for admins. The secret that signs the events
 * is in the answer to a creation or a rotation, and nowhere else, ever.
 */
@Path("/api/event-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class EventSubscriptionResource {

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    EventDeliveries deliveries;
    @Inject
    SecurityIdentity identity;
    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(EventSubscriptions.SubscriptionRequest request) {
        EventSubscriptions.SubscriptionWithSecret created = subscriptions.create(request, admin());
        return Response.created(uri.getAbsolutePathBuilder().path(created.subscription().id()).build())
                .entity(created).build();
    }

    @GET
    public List<EventSubscriptions.SubscriptionView> list() {
        return subscriptions.list();
    }

    @GET
    @Path("/{id}")
    public EventSubscriptions.SubscriptionView get(@PathParam("id") String id) {
        return subscriptions.get(id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(id, admin());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    public EventSubscriptions.SubscriptionWithSecret rotateSecret(@PathParam("id") String id) {
        return subscriptions.rotateSecret(id, admin());
    }

    @GET
    @Path("/{id}/deliveries")
    public Page<EventDeliveries.DeliveryView> deliveries(@PathParam("id") String id,
                                                         @QueryParam("page") @DefaultValue("0") int page,
                                                         @QueryParam("size") @DefaultValue("20") int size) {
        return deliveries.recent(id, page, size);
    }

    private String admin() {
        return identity.getPrincipal().getName();
    }
}
