package io.claimpilot.connector.helpdesk;

import io.claimpilot.common.Ids;
import io.claimpilot.connector.sandbox.SandboxCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** The default helpdesk: records each reply and note in the sandbox calls ({@code GET /api/sandbox/calls}). */
@ApplicationScoped
public class SandboxHelpdesk implements Helpdesk {

    static final String CONNECTOR = "helpdesk";

    @Inject
    SandboxCalls calls;

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Posted openTicket(Requester requester, Post post, String idempotencyKey) {
        Map<String, Object> response = calls.record(CONNECTOR, "openTicket", idempotencyKey, post.claimId(),
                request(null, requester, post), () -> Map.of("ticketId", "sbx_" + post.claimId(), "messageId", Ids.newId("msg")));
        return new Posted((String) response.get("ticketId"), (String) response.get("messageId"));
    }

    @Override
    public Posted addToTicket(String ticketId, Requester requester, Post post, String idempotencyKey) {
        Map<String, Object> response = calls.record(CONNECTOR, post.isPublic() ? "publicReply" : "internalNote",
                idempotencyKey, post.claimId(), request(ticketId, requester, post), () -> Map.of("messageId", Ids.newId("msg")));
        return new Posted(ticketId, (String) response.get("messageId"));
    }

    private static Map<String, Object> request(String ticketId, Requester requester, Post post) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (ticketId != null) {
            request.put("ticketId", ticketId);
        }
        request.put("to", post.isPublic() ? requester.email() : "agents");
        request.put("public", post.isPublic());
        request.put("subject", post.subject());
        request.put("body", post.body());
        request.put("tags", post.tags());
        return request;
    }
}
