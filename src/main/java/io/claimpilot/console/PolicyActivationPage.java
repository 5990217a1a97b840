package io.claimpilot.console;

import io.claimpilot.policy.PolicyFile;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyVersionRecord;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Activation of a policy version, or roll-back to an earlier one: first what it changes compared with the active
 * version, then the atomic switch through the same service as POST /api/policies/{version}/activate.
 */
@Path("/console/policies/{version}/activate")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ANALYST)
public class PolicyActivationPage extends PolicyPage {

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance policiesActivate(ChangeView change, String warning);
    }

    /** What an activation changes, restated before the analyst confirms it. */
    @TemplateData
    public record ChangeView(VersionRow from, VersionRow to, boolean rollback, boolean alreadyActive,
                             List<String> rulesAdded, List<String> rulesRemoved, List<String> filesAdded,
                             List<String> filesRemoved, List<String> filesChanged, boolean needsSecondPerson,
                             List<String> removedGuardRails) {
    }

    /** The confirmation step: what activating (or rolling back to) this version changes, compared with the active one. */
    @GET
    public TemplateInstance confirmActivation(@PathParam("version") String given) {
        return page(Templates.policiesActivate(change(versions.resolve(given)), null));
    }

    /**
     * The atomic activation. {@code from} is the version the analyst saw as active when confirming: if another
     * activation came in between, they confirm again.
     */
    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response activate(@PathParam("version") String given, @RestForm("from") String from,
                             @RestForm("confirmRemovedGuardRails") boolean confirmRemovedGuardRails) {
        String hash = versions.resolve(given);
        if (from == null || !from.equals(active())) {
            return page(409, Templates.policiesActivate(change(hash), console.messages().polActiveChangedMeanwhile()));
        }
        // The page explains both refusals in the analyst's words; the service checks them again whatever the page did.
        ChangeView change = change(hash);
        if (change.needsSecondPerson()) {
            return page(403, Templates.policiesActivate(change, null));
        }
        if (!change.removedGuardRails().isEmpty() && !confirmRemovedGuardRails) {
            return page(409, Templates.policiesActivate(change, console.messages().polConfirmGuardRailsFirst()));
        }
        versions.activateAsAnalyst(hash, console.username(), confirmRemovedGuardRails);
        return seeOther("/console/policies?activated=" + URLEncoder.encode(hash, StandardCharsets.UTF_8));
    }

    private ChangeView change(String target) {
        String active = active();
        String previous = previous();
        PolicyVersionRecord to = record(target);
        PolicyVersionRecord from = record(active);
        boolean rollback = !versions.activations(target).isEmpty();
        Map<String, byte[]> fromFiles = contents(active);
        Map<String, byte[]> toFiles = contents(target);
        return new ChangeView(row(from, previous), row(to, previous), rollback, target.equals(active),
                minus(to.ruleNames, from.ruleNames), minus(from.ruleNames, to.ruleNames),
                minus(new ArrayList<>(toFiles.keySet()), new ArrayList<>(fromFiles.keySet())),
                minus(new ArrayList<>(fromFiles.keySet()), new ArrayList<>(toFiles.keySet())),
                toFiles.keySet().stream().filter(fromFiles::containsKey)
                        .filter(name -> !Arrays.equals(fromFiles.get(name), toFiles.get(name))).sorted().toList(),
                versions.needsSecondPerson(target, console.username()), versions.removedGuardRails(target));
    }

    private Map<String, byte[]> contents(String hash) {
        return versions.source(hash).map(PolicySource::files).orElse(List.of()).stream()
                .collect(Collectors.toMap(PolicyFile::name, PolicyFile::content));
    }

    private static List<String> minus(List<String> these, List<String> those) {
        List<String> left = new ArrayList<>(these == null ? List.of() : these);
        left.removeAll(those == null ? List.of() : those);
        return left;
    }
}
