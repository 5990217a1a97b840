package io.claimpilot.security;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller's address, by which sign-ins and unknown keys are counted. Behind a reverse proxy every request comes
 * from the proxy: enable quarkus.http.proxy.proxy-address-forwarding (and trust only the proxy) so this is the client's.
 */
final class RemoteAddress {

    private RemoteAddress() {
    }

    static String of(RoutingContext routing) {
        SocketAddress address = routing == null ? null : routing.request().remoteAddress();
        return address == null || address.host() == null ? "unknown" : address.host();
    }
}
