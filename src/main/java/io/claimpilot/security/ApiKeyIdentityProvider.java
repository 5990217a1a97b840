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

/** Looks the hashed key up in the database; the identity's name is the key's owner, its one role the key's role. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String keyHash = ApiKeys.hash(request.getToken().getToken());
        return context.runBlocking(() -> {
            ApiKey key = QuarkusTransaction.requiringNew().call(() -> ApiKey.findActiveByHash(keyHash));
            if (key == null) {
                throw new AuthenticationFailedException("Unknown or revoked API key");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.owner))
                    .addRole(key.role)
                    .addAttribute("apiKeyId", key.id)
                    .build();
        });
    }
}
