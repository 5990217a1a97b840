package io.claimpilot.api;

import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.EvidenceAuthor;
import io.claimpilot.claim.EvidenceRequest;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.photo.ClaimPhotos;
import io.claimpilot.photo.PhotoResponses;
import io.claimpilot.flow.ClaimIntake;
import io.claimpilot.flow.ClaimQueries;
import io.claimpilot.flow.ClaimView;

import io.claimpilot.security.ApiKeyIdentityProvider;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.claimpilot.outbox.OutboxBacklog;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

/** Claims from the shop backend: create (idempotent by externalId), read, and add evidence (links, tracking numbers, photos). */
@Path("/api/claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    @Inject
    ClaimIntake intake;
    @Inject
    ClaimQueries claims;
    @Inject
    ClaimPhotos photos;
    @Inject
    SecurityIdentity identity;
    @Inject
    OutboxBacklog backlog;

    @POST
    @RolesAllowed(Roles.SHOP)
    public Response submit(ClaimRequest request, @Context UriInfo uri) {
        backlog.requireRoomForNewClaims();
        ClaimIntake.Submission submission = intake.submit(caller(), request);
        if (!submission.created()) {
            return Response.ok(submission.claim()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(submission.claim().id()).build())
                .entity(submission.claim()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SHOP, Roles.AGENT})
    public ClaimView get(@PathParam("id") String id) {
        return claims.get(id, shopOrNull());
    }

    /** A photo link or a tracking number, from the shop (its own claims) or an agent; the audit names who. */
    @POST
    @Path("/{id}/evidence")
    @RolesAllowed({Roles.SHOP, Roles.AGENT})
    public ClaimView addEvidence(@PathParam("id") String id, EvidenceRequest evidence) {
        return intake.addEvidence(id, author(), evidence);
    }

    /**
     * A photo file, as {@code multipart/form-data} with one part named {@code photo}: its type is read from its
     * content (JPEG, PNG, WebP or HEIC), its metadata removed, and it is stored with the claim as PHOTO evidence.
     */
    @POST
    @Path("/{id}/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.SHOP, Roles.AGENT})
    public ClaimView addPhoto(@PathParam("id") String id, @RestForm("photo") List<FileUpload> photo) {
        if (photo == null || photo.isEmpty()) {
            throw ApiProblem.invalidField("photo", "is required: send the image as the multipart part 'photo'");
        }
        if (photo.size() > 1) {
            throw ApiProblem.invalidField("photo", "send one photo per request");
        }
        // The size is checked before the file is read; whether the caller may reach the claim, before its content.
        return intake.addPhoto(id, author(), "photo", photos.readUpload("photo", photo.get(0).uploadedFile()));
    }

    /** A stored photo, with the type it was recognised as; never rendered as anything else by a browser. */
    @GET
    @Path("/{id}/photos/{photoId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.SHOP, Roles.AGENT})
    @Transactional
    public Response photo(@PathParam("id") String id, @PathParam("photoId") String photoId) {
        Claim.visibleTo(id, shopOrNull());
        return PhotoResponses.inline(photos.content(id, photoId));
    }

    public record CancelRequest(String reason) {
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.SHOP)
    public ClaimView cancel(@PathParam("id") String id, CancelRequest request) {
        return intake.cancel(id, caller(), request == null ? null : request.reason());
    }

    /** Every state change of the claim: who or what, when, from, to, why. */
    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.SHOP, Roles.AGENT, Roles.ACCOUNTANT, Roles.ADMIN})
    public java.util.List<ClaimView.AuditView> audit(@PathParam("id") String id) {
        return claims.audit(id, shopOrNull());
    }

    /** Shops are limited to their own claims; agents see all. */
    private String shopOrNull() {
        return identity.hasRole(Roles.SHOP) ? caller() : null;
    }

    private EvidenceAuthor author() {
        // An agent's key belongs to a person (the same name as their console session, as ReviewResource records it).
        return identity.hasRole(Roles.SHOP) ? EvidenceAuthor.shop(caller()) : EvidenceAuthor.agent(identity.getPrincipal().getName());
    }

    /** Claims belong to the key's caller id, never to its free-text owner. */
    private String caller() {
        return ApiKeyIdentityProvider.callerOf(identity);
    }
}
