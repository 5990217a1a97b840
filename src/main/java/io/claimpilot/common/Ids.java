package io.claimpilot.common;

import java.util.UUID;

/** Our identifiers: opaque strings with a readable prefix. */
public final class Ids {

    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
