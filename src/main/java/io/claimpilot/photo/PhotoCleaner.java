package io.claimpilot.photo;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Sha256;


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
        byte[] stripped;
        try {
            stripped = format == ImageFormat.HEIC ? HeifMetadataBlanker.blank(content) : MetadataStripper.strip(format, content);
        } catch (HeifMetadataBlanker.UnsupportedHeif e) {
            // Safe choice: a HEIC photo whose metadata cannot all be found and blanked is not stored with its position.
            throw unsupported(field, "is a HEIC photo whose location data cannot be removed safely (it " + e.getMessage()
                    + "): send it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible)");
        } catch (MetadataStripper.UnreadableImage e) {
            throw ApiProblem.invalidField(field, "is not a readable " + format.name() + " image: it " + e.getMessage());
        }
        return new CleanPhoto(format, stripped, Sha256.hex(stripped));
    }

    static ApiProblem unsupported(String field, String message) {
        return ApiProblem.field(415, "Unsupported photo type", field, message);
    }
}
