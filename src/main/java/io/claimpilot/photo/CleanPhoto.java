package io.claimpilot.photo;

/** A photo whose type was read from its content and whose metadata were removed: what is stored, and nothing else. */
public record CleanPhoto(ImageFormat format, byte[] bytes, String sha256) {
}
