package io.claimpilot.event;

import io.claimpilot.common.ApiProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard of outbound events, as in production (private targets not allowed), with a fake DNS. */
class TargetAddressesTest {

    private static final Map<String, String[]> DNS = Map.of(
            "hooks.zapier.com", new String[]{"54.86.57.100"},
            "rebound.example.com", new String[]{"93.184.216.34", "10.0.0.5"},
            "metadata.example.com", new String[]{"169.254.169.254"},
            "v6-internal.example.com", new String[]{"fd12:3456:789a::1"});

    private final TargetAddresses production = new TargetAddresses(false, TargetAddressesTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] literal = DNS.get(host);
        if (literal == null) {
            // IP literals resolve to themselves, without a look-up; any other name is unknown.
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[]{InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[literal.length];
        for (int i = 0; i < literal.length; i++) {
            addresses[i] = InetAddress.getByName(literal[i]);
        }
        return addresses;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254",
            "127.0.0.1", "127.255.255.254", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8",
            "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1",
            "239.255.255.250", "240.0.0.1", "255.255.255.255"})
    void privateLoopbackLinkLocalMulticastAndReservedIpv4AddressesAreRefused(String address) throws Exception {
        assertThat(TargetAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "fe80::1", "febf::1", "fc00::1", "fd12:3456:789a::1", "fec0::1", "ff02::1",
            "2001:db8::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "100::1", "::127.0.0.1", "::10.0.0.1"})
    void loopbackLinkLocalUniqueLocalMulticastDocumentationAndTeredoIpv6AddressesAreRefused(String address) throws Exception {
        assertThat(TargetAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
            "64:ff9b::7f00:1", "2002:7f00:1::1", "2002:c0a8:101::1"})
    void ipv6FormsCarryingARefusedIpv4AddressAreRefused(String address) throws Exception {
        assertThat(TargetAddresses.isPublic(ipv6(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "54.86.57.100", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4007:80c::200e", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(TargetAddresses.isPublic(address.contains(":") ? ipv6(address) : InetAddress.getByName(address))).isTrue();
    }

    @Test
    void aSubscriptionToHttpLoopbackIsRefusedOutsideTheDemoAndTestProfiles() {
        assertThatThrownBy(() -> production.checkSubscriptionUrl("url", "http://127.0.0.1:8080/hook"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.violations()).singleElement().satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo("url");
                        assertThat(violation.message()).contains("https");
                    });
                });
        assertThatThrownBy(() -> production.checkSubscriptionUrl("url", "https://127.0.0.1/hook"))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.violations().get(0).message()).contains("127.0.0.1"));
        assertThatThrownBy(() -> production.checkSubscriptionUrl("url", "https://[::ffff:7f00:1]/hook"))
                .isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> production.checkSubscriptionUrl("url", "https://[::1]/hook"))
                .isInstanceOf(ApiProblem.class);
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        assertThatThrownBy(() -> production.resolveAndCheck(URI.create("https://rebound.example.com/hook")))
                .isInstanceOf(TargetAddresses.RefusedTarget.class).hasMessageContaining("10.0.0.5");
        assertThatThrownBy(() -> production.resolveAndCheck(URI.create("https://metadata.example.com/latest")))
                .isInstanceOf(TargetAddresses.RefusedTarget.class).hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> production.resolveAndCheck(URI.create("https://v6-internal.example.com/")))
                .isInstanceOf(TargetAddresses.RefusedTarget.class);
        assertThatThrownBy(() -> production.resolveAndCheck(URI.create("https://nowhere.example.com/")))
                .isInstanceOf(TargetAddresses.UnresolvedTarget.class);
    }

    @Test
    void aPublicHttpsEndpointIsAllowedAndOtherShapesAreRefused() {
        assertThat(production.checkSubscriptionUrl("url", "https://hooks.zapier.com/hooks/catch/123/abc/"))
                .hasHost("hooks.zapier.com");
        for (String bad : new String[]{"ftp://hooks.zapier.com/x", "https://user:pw@hooks.zapier.com/x", "/relative",
                "https://hooks.zapier.com/x#frag", "not a url", "https:///nohost", "https://" + "a".repeat(2000) + ".com"}) {
            assertThatThrownBy(() -> production.checkSubscriptionUrl("url", bad)).as(bad)
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.violations().get(0).field()).isEqualTo("url"));
        }
    }

    @Test
    void theDemoAndTestProfilesAllowHttpAndLoopback() {
        TargetAddresses local = new TargetAddresses(true, TargetAddressesTest::resolve);
        assertThat(local.checkSubscriptionUrl("url", "http://127.0.0.1:8089/hook")).hasPort(8089);
    }

    @Test
    void privateTargetsAreAllowedOnlyInTheDemoAndTestProfiles() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("claimpilot.events.allow-private-targets")).isEqualTo("false");
        assertThat(properties.stringPropertyNames()).filteredOn(name -> name.endsWith("claimpilot.events.allow-private-targets"))
                .containsExactlyInAnyOrder("claimpilot.events.allow-private-targets",
                        "%demo.claimpilot.events.allow-private-targets", "%test.claimpilot.events.allow-private-targets");
    }

    /** The 16-byte IPv6 form: Java turns "::ffff:a.b.c.d" into an IPv4 address when parsing, which hides the case. */
    private static InetAddress ipv6(String literal) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        // Inet6Address keeps the 16-byte form; InetAddress.getByAddress would turn a mapped address into IPv4.
        return java.net.Inet6Address.getByAddress(null, bytes, -1);
    }
}
