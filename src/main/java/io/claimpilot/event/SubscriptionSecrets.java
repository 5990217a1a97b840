package io.claimpilot.event;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes subscriptions' signing secrets ({@code whsec_} + base64 of 32 random bytes, as Standard Webhooks' libraries
 * expect) and keeps them encrypted at rest with AES-256-GCM. The secret has to be read back to sign, so it cannot be
 * hashed like an API key; a copy of the database alone does not reveal it. The key comes only from the environment
 * ({@code CLAIMPILOT_EVENTS_SECRET_KEY}: base64 of 32 bytes, e.g. {@code openssl rand -base64 32}). The subscription's
 * id is bound to its ciphertext (GCM's associated data), so a ciphertext copied onto another subscription does not
 * decrypt.
 */
@ApplicationScoped
public class SubscriptionSecrets {

    static final String PREFIX = "whsec_";
    private static final String FORMAT = "v1:";
    private static final int SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<byte[]> key;

    @Inject
    public SubscriptionSecrets(@ConfigProperty(name = "claimpilot.events.secret-key") Optional<String> base64Key) {
        this.key = base64Key.filter(value -> !value.isBlank()).map(SubscriptionSecrets::decodeKey);
    }

    private static byte[] decodeKey(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("claimpilot.events.secret-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("claimpilot.events.secret-key must be 32 bytes (base64 of 44 characters), not "
                    + bytes.length);
        }
        return bytes;
    }

    /** A new signing secret, to show once. */
    public String newSecret() {
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getEncoder().encodeToString(random);
    }

    /** The HMAC key a secret stands for: the base64-decoded part after {@code whsec_}. */
    public static byte[] signingKey(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /** 503 when no key is configured: a secret is never stored in clear. */
    public void requireKey() {
        if (key.isEmpty()) {
            throw ApiProblem.unavailable("Outbound events are not configured",
                    "Set CLAIMPILOT_EVENTS_SECRET_KEY (base64 of 32 random bytes) to subscribe to events", null);
        }
    }

    public String encrypt(String subscriptionId, String secret) {
        requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, subscriptionId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a subscription secret", e);
        }
    }

    /** The secret; throws when no key is configured or the ciphertext was not made with this key for this subscription. */
    public String decrypt(String subscriptionId, String stored) {
        if (key.isEmpty()) {
            throw new IllegalStateException("CLAIMPILOT_EVENTS_SECRET_KEY is not set: subscription secrets cannot be read");
        }
        if (stored == null || !stored.startsWith(FORMAT)) {
            throw new IllegalStateException("The secret of subscription " + subscriptionId + " is not in a known format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(all, NONCE_BYTES), subscriptionId);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The secret of subscription " + subscriptionId
                    + " does not decrypt with CLAIMPILOT_EVENTS_SECRET_KEY (was the key changed?)");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String subscriptionId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.orElseThrow(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
