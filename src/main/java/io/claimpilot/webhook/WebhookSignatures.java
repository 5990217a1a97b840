package io.claimpilot.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The signature checks of incoming webhooks. Every comparison is constant-time ({@link MessageDigest#isEqual}), and
 * every HMAC covers the raw body bytes exactly as received, never a re-serialised copy.
 */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /**
     * Shopify: {@code X-Shopify-Hmac-SHA256} is the base64 HMAC-SHA256 of the raw body with the app's secret.
     * During a rotation the previous secret is accepted too. Blank secrets never match.
     */
    public static boolean shopifyValid(byte[] body, String header, List<String> secrets) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean valid = false;
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                // No early exit: every configured secret costs the same time whichever one matches.
                valid |= MessageDigest.isEqual(hmac(secret, body), given);
            }
        }
        return valid;
    }

    /**
     * Stripe's scheme (also used for the WMS): {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]} where each v1 is the hex
     * HMAC-SHA256 of {@code t + "." + raw body} with the endpoint secret. Valid when any v1 matches and t is within
     * the tolerance of now, either way.
     */
    public static boolean timestampedValid(byte[] body, String header, String secret, Instant now, Duration tolerance) {
        if (header == null || secret == null || secret.isBlank()) {
            return false;
        }
        Optional<Long> timestamp = Optional.empty();
        List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Optional.of(Long.parseLong(pair[1]));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp.isEmpty() || signatures.isEmpty()
                || Math.abs(now.getEpochSecond() - timestamp.get()) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, signedPayload(timestamp.get(), body)))
                .getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String signature : signatures) {
            valid |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return valid;
    }

    /**
     * Zendesk: {@code X-Zendesk-Webhook-Signature} is the base64 HMAC-SHA256, with the webhook's signing secret, of the
     * {@code X-Zendesk-Webhook-Signature-Timestamp} header's text followed directly by the raw body (no separator). The
     * timestamp is an ISO-8601 instant ({@code 2026-11-30T10:15:00Z}) and must be within the tolerance of now, either way,
     * so a captured request cannot be replayed later.
     */
    public static boolean zendeskValid(byte[] body, String signature, String timestamp, String secret, Instant now,
                                       Duration tolerance) {
        if (signature == null || timestamp == null || secret == null || secret.isBlank()) {
            return false;
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(timestamp.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, concat(timestamp.getBytes(StandardCharsets.UTF_8), body)), given);
    }

    /** Zendesk's signature of a body sent at a timestamp, for tests. */
    public static String zendeskSignature(byte[] body, String timestamp, String secret) {
        return Base64.getEncoder().encodeToString(hmac(secret, concat(timestamp.getBytes(StandardCharsets.UTF_8), body)));
    }

    /** A header in the timestamped scheme, for senders and tests. */
    public static String timestampedHeader(byte[] body, String secret, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, signedPayload(t, body)));
    }

    /** A Shopify header for a body, for tests. */
    public static String shopifyHeader(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    /** Compares a secret URL token in constant time; a blank expected token never matches. */
    public static boolean tokenValid(String given, String expected) {
        if (given == null || expected == null || expected.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    /** The hex SHA-256 of a text: a fixed-length delivery id for providers that send none. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] signedPayload(long timestamp, byte[] body) {
        return concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] concat(byte[] prefix, byte[] body) {
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return payload;
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            // Hashing first makes both sides the same length, so the comparison leaks nothing about the token's length.
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
