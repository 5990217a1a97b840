package io.claimpilot.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Resources someone forgot to protect: no role annotation anywhere. They exist only in the test build, to show that
 * quarkus.security.jaxrs.deny-unannotated-endpoints refuses them instead of serving them.
 */
public final class UnannotatedProbeResource {

    static final String SECRET = "served-without-a-role-check";

    private UnannotatedProbeResource() {
    }

    @Path("/api/unannotated-probe")
    public static class UnderApi {

        @GET
        public String read() {
            return SECRET;
        }

        @POST
        public String write() {
            return SECRET;
        }
    }

    @Path("/unannotated-probe")
    public static class Elsewhere {

        @GET
        public String read() {
            return SECRET;
        }
    }
}
