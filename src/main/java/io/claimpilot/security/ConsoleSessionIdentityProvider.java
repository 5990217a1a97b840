package io.claimpilot.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Restores the identity of a console session: the form mechanism's encrypted cookie names the user, and the user is
 * read again on every request, so a deactivated user or a changed role takes effect at once.
 */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ConsoleUser user = QuarkusTransaction.requiringNew().call(() -> ConsoleUser.findActive(request.getPrincipal()));
            if (user == null) {
                throw new AuthenticationFailedException("The console user is unknown or deactivated");
            }
            return ConsoleUserIdentityProvider.identityOf(user);
        });
    }
}
