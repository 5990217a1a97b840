package io.claimpilot.event;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where events may be sent: public {@code https} endpoints only, so that nobody with an admin key can point the
 * service at its own database, a cloud metadata endpoint (169.254.169.254) or another internal host (SSRF). Checked
 * when a subscription is made, and again before each delivery, on every address the host resolves to at that moment
 * (a host that resolved to a public address when subscribed may resolve to 10.0.0.5 later: DNS rebinding).
 *
 * <p>Refused: loopback, "this network" (0.0.0.0/8, ::), private (RFC 1918), shared (100.64/10), link-local (169.254/16,
 * fe80::/10), unique-local (fc00::/7), site-local (fec0::/10), multicast, broadcast and reserved ranges, benchmarking
 * and documentation ranges; and IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4,
 * Teredo) whenever that address is refused, or when it cannot be told (Teredo).
 *
 * <p>{@code claimpilot.events.allow-private-targets=true} (the demo and test profiles only) lets {@code http} and every
 * address through, for trying events against a local receiver.
 */
@ApplicationScoped
public class TargetAddresses {

    /** Resolves a host name to all its addresses, like {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A target refused: not https, or a host that resolves (also) to an address the service must not call. */
    public static class RefusedTarget extends RuntimeException {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /** The host does not resolve (now): may be temporary. */
    public static class UnresolvedTarget extends RuntimeException {
        UnresolvedTarget(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    public TargetAddresses(@ConfigProperty(name = "claimpilot.events.allow-private-targets", defaultValue = "false")
                           boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public TargetAddresses(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivateTargets() {
        return allowPrivate;
    }

    /** A subscription's URL as an admin sent it: 400 naming {@code field} unless it is a public https endpoint now. */
    public URI checkSubscriptionUrl(String field, String url) {
        if (url == null || url.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiProblem.invalidField(field, "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ApiProblem.invalidField(field, "is not a valid URL");
        }
        try {
            checkShape(uri);
            if (!allowPrivate) {
                // Local tries (demo, tests) may name hosts this machine cannot resolve yet; deliveries resolve anyway.
                resolveAndCheck(uri);
            }
        } catch (RefusedTarget refused) {
            throw ApiProblem.invalidField(field, refused.getMessage());
        } catch (UnresolvedTarget unresolved) {
            throw ApiProblem.invalidField(field, unresolved.getMessage());
        }
        return uri;
    }

    /**
     * Resolves the target's host and checks every address it resolves to, right before a delivery. The HTTP client's
     * own look-up a moment later is answered from the JVM's address cache (networkaddress.cache.ttl, 30 s by
     * default), so it connects to an address checked here.
     *
     * @return the addresses checked
     * @throws RefusedTarget    when the URL is not https or one of the addresses is refused
     * @throws UnresolvedTarget when the host does not resolve
     */
    public List<InetAddress> resolveAndCheck(URI uri) {
        checkShape(uri);
        String host = hostOf(uri);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UnresolvedTarget("its host " + host + " does not resolve", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnresolvedTarget("its host " + host + " does not resolve", null);
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedTarget("its host " + host + " resolves to " + address.getHostAddress()
                            + ", a private, loopback, link-local or reserved address: only public endpoints can receive events");
                }
            }
        }
        return List.of(addresses);
    }

    private void checkShape(URI uri) {
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new RefusedTarget("must be an absolute https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new RefusedTarget("must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not carry a user name or password: the signature authenticates the events");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("must not have a fragment");
        }
        hostOf(uri);
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        // An IPv6 literal comes in brackets.
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether the service may send to this address: a global unicast address, none of the ranges listed above. */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(bytes);
        }
        return false;
    }

    private static final List<Cidr> REFUSED_IPV4 = List.of(
            Cidr.of("0.0.0.0/8"),          // "this network", 0.0.0.0
            Cidr.of("10.0.0.0/8"),         // private
            Cidr.of("100.64.0.0/10"),      // shared address space (carrier-grade NAT)
            Cidr.of("127.0.0.0/8"),        // loopback
            Cidr.of("169.254.0.0/16"),     // link-local, cloud metadata endpoints
            Cidr.of("172.16.0.0/12"),      // private
            Cidr.of("192.0.0.0/24"),       // IETF protocol assignments
            Cidr.of("192.0.2.0/24"),       // documentation
            Cidr.of("192.88.99.0/24"),     // 6to4 relay anycast
            Cidr.of("192.168.0.0/16"),     // private
            Cidr.of("198.18.0.0/15"),      // benchmarking
            Cidr.of("198.51.100.0/24"),    // documentation
            Cidr.of("203.0.113.0/24"),     // documentation
            Cidr.of("224.0.0.0/4"),        // multicast
            Cidr.of("240.0.0.0/4"));       // reserved, and 255.255.255.255 broadcast

    private static final List<Cidr> REFUSED_IPV6 = List.of(
            Cidr.of("::/96"),              // unspecified, loopback, IPv4-compatible (deprecated)
            Cidr.of("100::/64"),           // discard-only
            Cidr.of("2001::/32"),          // Teredo: the IPv4 address inside is obfuscated
            Cidr.of("2001:db8::/32"),      // documentation
            Cidr.of("fc00::/7"),           // unique-local
            Cidr.of("fe80::/10"),          // link-local
            Cidr.of("fec0::/10"),          // site-local (deprecated)
            Cidr.of("ff00::/8"));          // multicast

    private static final Cidr IPV4_MAPPED = Cidr.of("::ffff:0:0/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

    private static boolean isPublicIpv4(byte[] bytes) {
        return REFUSED_IPV4.stream().noneMatch(range -> range.contains(bytes));
    }

    private static boolean isPublicIpv6(byte[] bytes) {
        // IPv6 forms that carry an IPv4 address are as public as that address.
        if (IPV4_MAPPED.contains(bytes) || NAT64.contains(bytes)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return REFUSED_IPV6.stream().noneMatch(range -> range.contains(bytes));
    }

    /** An address range in CIDR notation. */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr of(String notation) {
            int slash = notation.indexOf('/');
            try {
                // Literal addresses only: no look-up happens.
                byte[] network = InetAddress.getByName(notation.substring(0, slash)).getAddress();
                if (notation.startsWith("::ffff:")) {
                    // Java reads "::ffff:a.b.c.d" as the IPv4 address; the range is the 16-byte IPv6 form.
                    network = new byte[16];
                    network[10] = (byte) 0xff;
                    network[11] = (byte) 0xff;
                }
                return new Cidr(network, Integer.parseInt(notation.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(notation, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - remainingBits)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
