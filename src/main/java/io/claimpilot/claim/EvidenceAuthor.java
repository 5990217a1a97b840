package io.claimpilot.claim;

/**
 * Who adds evidence to a claim: {@code actor} goes into the evidence row and the audit trail; {@code shop}, when
 * set, is the only caller whose claims it may reach (a shop sees its own claims; agents and the service's own
 * channels, such as the customer form or a helpdesk webhook, reach every claim).
 */
public record EvidenceAuthor(String actor, String shop) {

    public EvidenceAuthor {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("Evidence needs the name of who adds it");
        }
    }

    public static EvidenceAuthor shop(String caller) {
        return new EvidenceAuthor(caller, caller);
    }

    public static EvidenceAuthor agent(String username) {
        return new EvidenceAuthor(username, null);
    }

    /** One of the service's own channels, named as the audit should show it (e.g. {@code customer-form}). */
    public static EvidenceAuthor channel(String name) {
        return new EvidenceAuthor(name, null);
    }
}
