package io.claimpilot.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says at start-up where the console's session key came from, when that matters to an operator; never the key. */
@ApplicationScoped
public class SessionKeyWarning {

    private static final Logger LOG = Logger.getLogger(SessionKeyWarning.class);

    void onStart(@Observes StartupEvent event) {
        String source = System.getProperty(SessionEncryptionKey.SOURCE_PROPERTY);
        if (SessionEncryptionKey.Source.THIS_RUN_ONLY.name().equals(source)) {
            LOG.warn("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY is not set: console sessions use a random key made for this"
                    + " run, so they end at every restart and do not work across replicas. Set it, the same on every replica.");
        } else if (SessionEncryptionKey.Source.FILE_CREATED.name().equals(source)) {
            LOG.info("Made the demo's console session key in a file readable only by this user (claimpilot.session-key-file)");
        }
    }
}
