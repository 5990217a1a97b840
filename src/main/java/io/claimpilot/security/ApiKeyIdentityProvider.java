package io.claimpilot.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks the hashed key up in the database. The identity's name is the console user who holds the key (the same name as
 * their console session) or, for a shop's key, its caller id; its one role is the key's role. A key of a deactivated
 * user stops working with the user.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute holding a shop key's caller id. */
    public static final String CALLER_ID = "callerId";

    /** The caller id of a shop key's identity: the one owner of the claims it sends and reads. */
    public static String callerOf(io.quarkus.security.identity.SecurityIdentity identity) {
        String callerId = identity.getAttribute(CALLER_ID);
        if (callerId == null) {
            throw new IllegalStateException("Not a shop key's identity: " + identity.getPrincipal().getName());
        }
        return callerId;
    }

    /** Never the free-text owner: two keys with the same label are still two callers, and a person is one name. */
    static String principalOf(ApiKey key) {
        return key.userId != null ? key.userId : key.callerId;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String keyHash = ApiKeys.hash(request.getToken().getToken());
        return context.runBlocking(() -> {
            ApiKey key = QuarkusTransaction.requiringNew().call(() -> ApiKey.findUsableByHash(keyHash));
            if (key == null) {
                throw new AuthenticationFailedException("Unknown or revoked API key, or its user is deactivated");
            }
            var identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(principalOf(key)))
                    .addRole(key.role)
                    .addAttribute("apiKeyId", key.id);
            if (key.callerId != null) {
                identity.addAttribute(CALLER_ID, key.callerId);
            }
            return identity.build();
        });
    }
}
