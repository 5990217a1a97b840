package io.claimpilot.security;

/** The roles an API key (and later a console user) can hold; one per key. */
public final class Roles {
    public static final String SHOP = "shop";
    public static final String AGENT = "agent";
    public static final String ANALYST = "analyst";
    public static final String ACCOUNTANT = "accountant";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
