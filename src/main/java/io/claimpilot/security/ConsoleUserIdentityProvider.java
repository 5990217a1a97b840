package io.claimpilot.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;

/**
 * Checks a console sign-in (the form posted to {@code j_security_check}) against the bcrypt hashes in
 * {@code console_user}. The identity's name is the username, its one role the user's role.
 */
@ApplicationScoped
public class ConsoleUserIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    ConsoleUsers users;
    @Inject
    SignInLimits limits;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = RemoteAddress.of(routing);
        Optional<Instant> locked = limits.lockedUntil(username, address);
        if (locked.isPresent()) {
            // No password check while locked: guessing gains nothing, and costs us no bcrypt round.
            if (routing != null) {
                routing.put(SignInLimits.LOCKED_UNTIL, locked.get());
            }
            return Uni.createFrom().failure(new AuthenticationFailedException("Too many failed sign-ins"));
        }
        return context.runBlocking(() -> {
            ConsoleUser user = users.authenticate(username, password);
            if (user == null) {
                limits.failed(username, address);
                throw new AuthenticationFailedException("Unknown user or wrong password");
            }
            limits.succeeded(username);
            return identityOf(user);
        });
    }

    static SecurityIdentity identityOf(ConsoleUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRole(user.role)
                .addAttribute("displayName", user.displayName == null ? user.username : user.displayName)
                .build();
    }
}
