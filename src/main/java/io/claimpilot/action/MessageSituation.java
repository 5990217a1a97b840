package io.claimpilot.action;

/**
 * The moments at which a customer hears from us. Each has one Qute template per language under
 * {@code rules/messages/{fr,en}/}, edited by non-developers like the rules.
 */
public enum MessageSituation {
    ACKNOWLEDGMENT,
    REFUND_ISSUED,
    RESHIPMENT_SHIPPED,
    /** An exchange was decided: the replacement variant is being prepared. */
    EXCHANGE_ON_ITS_WAY,
    /** The warehouse shipped an exchange's replacement, with its tracking number when there is one. */
    EXCHANGE_SHIPPED,
    PHOTO_REQUESTED,
    UNDER_REVIEW,
    DENIED;

    /**
     * The situation whose template stands in when this one's is missing, or null when none may. A situation added
     * after shops wrote their own templates has one, so an upgrade does not stop the service over a file they could
     * not have written yet: an exchange's shipment was told with the reshipment's text before it had its own.
     */
    public MessageSituation standIn() {
        return this == EXCHANGE_SHIPPED ? RESHIPMENT_SHIPPED : null;
    }
}
