package io.claimpilot.accounting;

import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;

/**
 * The accountant's reports: the refunds journal (FEC or CSV) and the reconciliation. They only read the books, so
 * they live with them (as kpi/KpiResource does). Definitions: docs/accounting.md.
 */
@Path("/api/accounting")
@RolesAllowed({Roles.ACCOUNTANT, Roles.ADMIN})
public class AccountingResource {

    @Inject
    JournalExport export;
    @Inject
    Reconciliation reconciliation;
    @Inject
    AccountingSettings settings;
    @Inject
    Clock clock;

    /** The journal entries of the credit notes issued and the refunds paid from {@code from} to {@code to}, both days included. */
    @GET
    @Path("/journal")
    @Produces({"text/plain", "text/csv", MediaType.APPLICATION_JSON})
    public Response journal(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("format") String format) {
        AccountingPeriod period = period(from, to);
        return export.download(period, JournalExport.Format.parse(format)).response();
    }

    @GET
    @Path("/reconciliation")
    @Produces(MediaType.APPLICATION_JSON)
    public Reconciliation.Report reconciliation(@QueryParam("from") String from, @QueryParam("to") String to) {
        return reconciliation.report(period(from, to));
    }

    private AccountingPeriod period(String from, String to) {
        return AccountingPeriod.parse(from, to, clock, settings.zone());
    }
}
