package io.claimpilot.policy;

import org.apache.commons.codec.digest.MurmurHash3;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Which customers a pilot takes: each customer has a bucket from 0 to 9,999 for a pilot version, the same on every
 * replica and after a restart, and is in the pilot cohort when the bucket is below {@code percent × 100}. Raising the
 * percent therefore only adds customers, and another version draws another, independent share.
 */
public final class PilotBuckets {

    public static final int BUCKETS = 10_000;
    /** The seed the documented bucketing uses; commons-codec's one-argument overload would use 104729 instead. */
    private static final int SEED = 0;

    private PilotBuckets() {
    }

    /** murmur3_32 (x86, seed 0) of the UTF-8 bytes of "{version}:{customerId}", unsigned, modulo 10,000. */
    public static int bucket(String version, String customerId) {
        byte[] key = (version + ":" + customerId).getBytes(StandardCharsets.UTF_8);
        int hash = MurmurHash3.hash32x86(key, 0, key.length, SEED);
        return (int) (Integer.toUnsignedLong(hash) % BUCKETS);
    }

    /** Whether a bucket is in a pilot of {@code percent} (0 to 100, two decimals): below percent × 100. */
    public static boolean inPilot(int bucket, BigDecimal percent) {
        return BigDecimal.valueOf(bucket).compareTo(percent.movePointRight(2)) < 0;
    }
}
