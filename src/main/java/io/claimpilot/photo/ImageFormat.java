package io.claimpilot.photo;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The image formats a photo may come in, recognised from the first bytes of its content only: a file's name and the
 * content type its sender declared are the sender's words, and a hostile sender chooses them.
 */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp"),
    /** HEIF with an HEVC image, as iPhones take them (ISO BMFF {@code ftyp} box with a HEIF brand). */
    HEIC("image/heic");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** HEIF brands for still images and sequences (ISO/IEC 23008-12): HEVC-coded or the generic structural ones. */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs",
            "mif1", "msf1");
    /** AVIF brands (AV1 images in the HEIF structure). */
    private static final Set<String> AV1_BRANDS = Set.of("avif", "avis", "avio");
    /** An {@code ftyp} box lists a handful of brands; a larger one is not a photo worth parsing. */
    private static final int MAX_FTYP_SIZE = 4096;

    private final String contentType;

    ImageFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ImageFormat> sniff(byte[] content) {
        if (startsWith(content, 0, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, ascii("RIFF")) && startsWith(content, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (isHeif(content)) {
            return Optional.of(HEIC);
        }
        return Optional.empty();
    }

    /** An ISO BMFF file whose first box is {@code ftyp} naming a HEIF brand, as its major brand or a compatible one. */
    private static boolean isHeif(byte[] content) {
        if (content.length < 16 || !startsWith(content, 4, ascii("ftyp"))) {
            return false;
        }
        long boxSize = Integer.toUnsignedLong(readInt(content, 0));
        if (boxSize < 16 || boxSize > MAX_FTYP_SIZE || boxSize > content.length) {
            return false;
        }
        // 8: major brand, 12: minor version, then the compatible brands up to the end of the box.
        Set<String> brands = new java.util.HashSet<>();
        brands.add(brandAt(content, 8));
        for (int at = 16; at + 4 <= boxSize; at += 4) {
            brands.add(brandAt(content, at));
        }
        // An AVIF also lists the structural brand mif1, but its image is AV1: not an HEIC.
        return brands.stream().anyMatch(HEIF_BRANDS::contains) && brands.stream().noneMatch(AV1_BRANDS::contains);
    }

    private static String brandAt(byte[] content, int at) {
        return new String(content, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static int readInt(byte[] content, int at) {
        return ((content[at] & 0xFF) << 24) | ((content[at + 1] & 0xFF) << 16) | ((content[at + 2] & 0xFF) << 8) | (content[at + 3] & 0xFF);
    }

    static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (at < 0 || content.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
