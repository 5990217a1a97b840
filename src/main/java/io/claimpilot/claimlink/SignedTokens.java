package io.claimpilot.claimlink;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Tokens in customers' URLs and forms: {@code <subject>.<expiry in epoch seconds>.<signature>}, the signature a
 * base64url HMAC-SHA256 of the purpose, subject and expiry under {@link ClaimLinkKey}. The purpose is signed but not
 * written, so a token made for one use (a claim link) is forged for any other (a claim's evidence page). The subject is
 * an id: the facts stay in the database, and nothing personal travels in a URL (browser history, proxies' logs).
 */
@ApplicationScoped
public class SignedTokens {

    /** What a token opens. */
    public enum Purpose { CLAIM_LINK, CLAIM_EVIDENCE, FORM_CSRF }

    /** What a token said, if it was ours. */
    public sealed interface Checked permits Valid, Expired, Forged {
    }

    public record Valid(String subject, Instant expiresAt) implements Checked {
    }

    /** Signed by us, but past its expiry: the subject is known, so the page can say which link it was. */
    public record Expired(String subject, Instant expiredAt) implements Checked {
    }

    public record Forged() implements Checked {
    }

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,80}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{43}");

    @Inject
    ClaimLinkKey key;
    @Inject
    Clock clock;

    public boolean available() {
        return key.configured();
    }

    public String sign(Purpose purpose, String subject, Instant expiresAt) {
        String payload = subject + "." + expiresAt.getEpochSecond();
        return payload + "." + signature(purpose, payload);
    }

    public Checked check(Purpose purpose, String token) {
        if (token == null || !available() || !SHAPE.matcher(token).matches()) {
            return new Forged();
        }
        int last = token.lastIndexOf('.');
        String payload = token.substring(0, last);
        byte[] expected = signature(purpose, payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return new Forged();
        }
        int dot = payload.indexOf('.');
        String subject = payload.substring(0, dot);
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(payload.substring(dot + 1)));
        return clock.instant().isBefore(expiresAt) ? new Valid(subject, expiresAt) : new Expired(subject, expiresAt);
    }

    /** A value bound to a subject (a form's CSRF field to the link and the browser's cookie). */
    public String bind(Purpose purpose, String value) {
        return signature(purpose, value);
    }

    public boolean isBound(Purpose purpose, String value, String signature) {
        return signature != null && available() && MessageDigest.isEqual(signature(purpose, value).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(Purpose purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] signed = mac.doFinal((purpose.name() + "\n" + payload).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
