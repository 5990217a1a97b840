package io.claimpilot.photo;

import io.claimpilot.common.ApiProblem;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The checks every photo passes before it is stored, whoever sends it (an API caller, an agent in the console, a
 * customer's form, a helpdesk attachment): its type from its content, then its metadata removed. Problems name the
 * field the photo came in, and nothing is stored.
 */
public final class PhotoCleaner {

    private PhotoCleaner() {
    }

    public static CleanPhoto clean(String field, byte[] content) {
        if (content == null || content.length == 0) {
            throw ApiProblem.invalidField(field, "is empty");
        }
        ImageFormat format = ImageFormat.sniff(content).orElseThrow(() -> unsupported(field,
                "is not a JPEG, PNG, WebP or HEIC image (the type is read from the content, not from the file's name or declared type)"));
        if (format == ImageFormat.HEIC) {
            // Safe choice, see MetadataStripper: a HEIC photo cannot yet be stored without its location.
            throw unsupported(field, "is a HEIC photo, whose location data cannot be removed yet: send it as JPEG"
                    + " (on an iPhone: Settings › Camera › Formats › Most Compatible)");
        }
        byte[] stripped;
        try {
            stripped = MetadataStripper.strip(format, content);
        } catch (MetadataStripper.UnreadableImage e) {
            throw ApiProblem.invalidField(field, "is not a readable " + format.name() + " image: it " + e.getMessage());
        }
        return new CleanPhoto(format, stripped, sha256(stripped));
    }

    static ApiProblem unsupported(String field, String message) {
        return new ApiProblem(415, "Unsupported photo type", field + ": " + message,
                List.of(new ApiProblem.FieldViolation(field, message)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
