package io.claimpilot.event;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs a delivery as the Standard Webhooks specification says (https://www.standardwebhooks.com): the
 * {@code webhook-signature} header is {@code v1,<base64 of HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")>},
 * the key being the base64-decoded part of the secret after {@code whsec_}. Several secrets (during a rotation) give
 * several signatures, separated by spaces; a receiver accepts the message when one of them matches.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} header value for this message, signed with each secret. */
    public static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> "v1," + sign(secret, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SubscriptionSecrets.signingKey(secret), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
