package io.claimpilot.kpi;

import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;

/** The indicators for analysts, admins and accountants (definitions: docs/policy-guide.md, "Indicators"). */
@Path("/api/kpis")
@Produces(MediaType.APPLICATION_JSON)
public class KpiResource {

    @Inject
    Kpis kpis;
    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.ACCOUNTANT})
    public KpiReport kpis(@QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("groupBy") String groupBy) {
        KpiGrouping grouping = KpiGrouping.parse(groupBy);
        return kpis.report(KpiWindow.parse(from, to, clock), grouping);
    }
}
