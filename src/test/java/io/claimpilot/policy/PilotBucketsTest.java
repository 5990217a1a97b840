package io.claimpilot.policy;

import com.google.common.hash.Hashing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pilot's bucketing, checked against values computed outside the service: a table worked out with a reference
 * murmur3_32 (x86, seed 0) written from the algorithm's description, and Guava's implementation for many customers.
 */
class PilotBucketsTest {

    /** A full 64-character version hash, as the bucketing uses it. */
    private static final String VERSION = "9f2c".repeat(16);

    /** Guava's murmur3_32 (the fixed one: correct for every UTF-8 input), unsigned, modulo 10,000. */
    static int guavaBucket(String version, String customerId) {
        int hash = Hashing.murmur3_32_fixed(0).hashString(version + ":" + customerId, StandardCharsets.UTF_8).asInt();
        return (int) (Integer.toUnsignedLong(hash) % 10_000);
    }

    @ParameterizedTest(name = "customer \"{0}\" is in bucket {1}")
    @CsvSource(delimiter = '|', value = {
            "cust-1            | 2631",
            "cust-2            | 4",
            "cust-42           | 1471",
            "alice@example.com | 5929",
            "C-1000            | 1923",
            "C-1001            | 530",
            "Zoë-7             | 1272",
            "顧客-88            | 8255",
            "0                 | 4719"})
    void aCustomersBucketIsMurmur3OfVersionAndCustomerIdModuloTenThousand(String customerId, int expected) {
        assertThat(PilotBuckets.bucket(VERSION, customerId)).isEqualTo(expected);
        assertThat(guavaBucket(VERSION, customerId)).isEqualTo(expected);
    }

    @Test
    void theTableDecidesTheCohorts() {
        // 10 %: buckets 0 to 999. cust-2 (4) and C-1001 (530) are in; cust-1 (2631) and Zoë-7 (1272) are not.
        BigDecimal tenPercent = new BigDecimal("10");
        assertThat(PilotBuckets.inPilot(PilotBuckets.bucket(VERSION, "cust-2"), tenPercent)).isTrue();
        assertThat(PilotBuckets.inPilot(PilotBuckets.bucket(VERSION, "C-1001"), tenPercent)).isTrue();
        assertThat(PilotBuckets.inPilot(PilotBuckets.bucket(VERSION, "cust-1"), tenPercent)).isFalse();
        assertThat(PilotBuckets.inPilot(PilotBuckets.bucket(VERSION, "Zoë-7"), tenPercent)).isFalse();
        // Two decimals count: 12.72 % is buckets 0 to 1271, so bucket 1272 is just out, and 12.73 % takes it.
        assertThat(PilotBuckets.inPilot(1272, new BigDecimal("12.72"))).isFalse();
        assertThat(PilotBuckets.inPilot(1272, new BigDecimal("12.73"))).isTrue();
        assertThat(PilotBuckets.inPilot(0, BigDecimal.ZERO)).isFalse();
        assertThat(PilotBuckets.inPilot(9999, new BigDecimal("100"))).isTrue();
    }

    @Test
    void theServiceAgreesWithGuavaForManyCustomersAndVersions() {
        for (int i = 0; i < 2000; i++) {
            String version = UUID.randomUUID().toString().replace("-", "").repeat(2);
            String customer = "cust-" + UUID.randomUUID() + (i % 3 == 0 ? "-é" : "");
            assertThat(PilotBuckets.bucket(version, customer)).as(customer).isEqualTo(guavaBucket(version, customer));
        }
    }

    @Test
    void raisingThePercentOnlyAddsCustomers() {
        List<String> customers = IntStream.range(0, 5000).mapToObj(i -> "customer-" + i).toList();
        Set<String> previous = Set.of();
        for (String percent : List.of("0", "0.5", "10", "10.01", "25", "50", "99.99", "100")) {
            Set<String> inPilot = customers.stream()
                    .filter(c -> PilotBuckets.inPilot(PilotBuckets.bucket(VERSION, c), new BigDecimal(percent)))
                    .collect(Collectors.toSet());
            assertThat(inPilot).as("at " + percent + " %").containsAll(previous);
            previous = inPilot;
        }
        assertThat(previous).hasSize(customers.size());
        // Roughly the share asked for: 10 % of 5,000 customers, give or take.
        long atTen = customers.stream().filter(c -> PilotBuckets.inPilot(PilotBuckets.bucket(VERSION, c), BigDecimal.TEN)).count();
        assertThat(atTen).isBetween(400L, 600L);
    }
}
