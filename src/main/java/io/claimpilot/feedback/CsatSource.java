package io.claimpilot.feedback;

/** Where a customer's satisfaction answer came from: the shop's backend through the API, or a helpdesk survey. */
public enum CsatSource {
    API,
    ZENDESK,
    GORGIAS
}
