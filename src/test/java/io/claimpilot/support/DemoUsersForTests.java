package io.claimpilot.support;

/** The demo console users the test profile seeds (security/DemoUsers), with their documented passwords. */
public final class DemoUsersForTests {

    public static final String AGENT = "agent";
    public static final String AGENT2 = "agent2";
    public static final String ANALYST = "analyst";
    /** A second analyst: activates what {@link #ANALYST} uploads, under two-person activation. */
    public static final String ANALYST2 = "analyst2";
    public static final String ADMIN = "admin";
    public static final String ACCOUNTANT = "accountant";

    private DemoUsersForTests() {
    }

    public static String password(String username) {
        return username + "-demo-pass";
    }
}
