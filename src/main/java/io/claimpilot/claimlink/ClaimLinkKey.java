package io.claimpilot.claimlink;

import io.claimpilot.security.SessionEncryptionKey;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The key that signs customer links, settled at start-up the way the console's session key is
 * ({@link SessionEncryptionKey}):
 * <ul>
 *   <li>set by the operator ({@code CLAIMPILOT_CLAIM_LINKS_SIGNING_KEY}): used as is, and refused when shorter than
 *       32 characters;</li>
 *   <li>demo and dev profiles: kept in {@code data/claim-link-signing.key} (owner-only), made at the first start and
 *       reused, so links sent before a restart still open;</li>
 *   <li>any other profile: none. A random key per run would break every link sent before a restart, or on another
 *       replica, for 30 days: links are switched off instead ({@code POST /api/claim-links} answers 503 saying so,
 *       and the "photo requested" message keeps only its "reply with the photo" text).</li>
 * </ul>
 * The key itself is never logged.
 */
@Startup
@ApplicationScoped
public class ClaimLinkKey {

    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(ClaimLinkKey.class);

    @Inject
    ClaimLinkSettings settings;

    private byte[] key;

    @PostConstruct
    void settle() {
        Optional<String> configured = settings.signingKey().filter(value -> !value.isBlank());
        if (configured.isPresent()) {
            if (configured.get().strip().length() < MIN_LENGTH) {
                throw new IllegalStateException("claimpilot.claim-links.signing-key (CLAIMPILOT_CLAIM_LINKS_SIGNING_KEY)"
                        + " must hold at least " + MIN_LENGTH + " characters");
            }
            key = configured.get().strip().getBytes(StandardCharsets.UTF_8);
            return;
        }
        List<String> profiles = ConfigUtils.getProfiles();
        if (profiles.contains("demo") || profiles.contains("dev")) {
            key = SessionEncryptionKey.fromFile(Path.of(settings.keyFile())).getBytes(StandardCharsets.UTF_8);
            return;
        }
        LOG.warn("Customer claim links are off: set CLAIMPILOT_CLAIM_LINKS_SIGNING_KEY (at least 32 random characters,"
                + " the same on every replica) to turn them on");
    }

    public boolean configured() {
        return key != null;
    }

    /** The key's bytes; only {@link SignedTokens} reads them. */
    byte[] bytes() {
        if (key == null) {
            throw new IllegalStateException("No claim link signing key");
        }
        return key.clone();
    }
}
