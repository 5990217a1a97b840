package io.claimpilot.accounting;

import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;

/**
 * The credit notes for accountants and admins: a period's list, one note as JSON, and as the PDF sent to the
 * customer. Read-only, so it lives with the notes (as KpiResource does). See docs/accounting.md, "Credit notes".
 */
@Path("/api/credit-notes")
@RolesAllowed({Roles.ACCOUNTANT, Roles.ADMIN})
public class CreditNoteResource {

    public static final String PDF = "application/pdf";

    @Inject
    CreditNoteRegister register;
    @Inject
    CreditNotePdf pdf;
    @Inject
    AccountingSettings settings;
    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CreditNoteRegister.CreditNoteList list(@QueryParam("from") String from, @QueryParam("to") String to,
                                                  @QueryParam("page") String page, @QueryParam("size") String size) {
        CreditNotePeriod period = CreditNotePeriod.parse(from, to, clock, settings.zone());
        return register.list(period, CreditNoteRegister.page(page), CreditNoteRegister.size(size));
    }

    @GET
    @Path("/{number}")
    @Produces(MediaType.APPLICATION_JSON)
    public CreditNoteView get(@PathParam("number") String number) {
        return CreditNoteView.of(register.find(number));
    }

    @GET
    @Path("/{number}.pdf")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    public Response pdf(@PathParam("number") String number, @QueryParam("lang") String language) {
        CreditNote note = register.find(number);
        // The number was checked against [A-Za-z0-9_-]: safe in the header as it is.
        return Response.ok(pdf.render(note, language), PDF)
                .header("Content-Disposition", "inline; filename=\"" + note.number + ".pdf\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
