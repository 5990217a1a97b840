package io.claimpilot.photo;

import java.io.ByteArrayOutputStream;
import java.util.Set;

import static io.claimpilot.photo.ImageFormat.ascii;
import static io.claimpilot.photo.ImageFormat.startsWith;

/**
 * Removes the metadata a camera or a phone writes into a photo (EXIF with its GPS position, XMP, IPTC, comments,
 * embedded thumbnails and trailing images) without decoding or re-encoding the pixels: segments and chunks are
 * copied or dropped whole. Every length read from the file is checked against what is left of it before it is
 * used; a file whose structure does not add up is refused, never repaired.
 *
 * <p>HEIC is not handled here: its metadata are items addressed by offsets ({@code iloc}) that removing one would
 * shift. {@link HeifMetadataBlanker} blanks them in place instead.
 */
final class MetadataStripper {

    /** The structure of a file does not add up; the message says where, for the caller. */
    static final class UnreadableImage extends Exception {
        UnreadableImage(String message) {
            super(message);
        }
    }

    private MetadataStripper() {
    }

    static byte[] strip(ImageFormat format, byte[] image) throws UnreadableImage {
        return switch (format) {
            case JPEG -> jpeg(image);
            case PNG -> png(image);
            case WEBP -> webp(image);
            case HEIC -> throw new IllegalArgumentException("HEIC metadata are blanked in place: HeifMetadataBlanker");
        };
    }

    // --- JPEG ---------------------------------------------------------------------------------------------------

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int COM = 0xFE;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] ICC_HEADER = ascii("ICC_PROFILE\0");
    private static final int ORIENTATION_TAG = 0x0112;

    /**
     * Keeps what decoding needs (tables, frame, scans, restart markers), the JFIF header, an ICC colour profile and
     * Adobe's colour transform; drops every other application segment (EXIF and XMP in APP1, multi-picture and
     * FlashPix in APP2, IPTC in APP13 ...) and comments, and everything after the end-of-image marker (the other
     * images of a multi-picture file). The EXIF orientation alone is written back, so a phone's portrait photo does
     * not turn on its side.
     */
    private static byte[] jpeg(byte[] in) throws UnreadableImage {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(0xFF);
        out.write(SOI);
        int afterHeader = 2;
        int orientation = 0;
        boolean sawScan = false;
        boolean first = true;
        int pos = 2;
        while (true) {
            if (pos >= in.length) {
                throw new UnreadableImage("ends before its end-of-image marker");
            }
            if ((in[pos] & 0xFF) != 0xFF) {
                throw new UnreadableImage("has data where a JPEG marker should be, at byte " + pos);
            }
            while (pos < in.length && (in[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes before a marker
            }
            if (pos >= in.length) {
                throw new UnreadableImage("ends before its end-of-image marker");
            }
            int marker = in[pos++] & 0xFF;
            if (marker == EOI) {
                if (!sawScan) {
                    throw new UnreadableImage("has no image data");
                }
                out.write(0xFF);
                out.write(EOI);
                break;
            }
            if (marker == SOI || marker == 0x00) {
                throw new UnreadableImage("has a misplaced JPEG marker at byte " + (pos - 1));
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(0xFF); // TEM and restart markers have no length
                out.write(marker);
                continue;
            }
            if (in.length - pos < 2) {
                throw new UnreadableImage("ends inside a segment header");
            }
            int length = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
            if (length < 2 || length > in.length - pos) {
                throw new UnreadableImage("has a segment whose length runs past the end of the file, at byte " + pos);
            }
            int payload = pos + 2;
            int payloadLength = length - 2;
            if (keepsJpegSegment(marker, in, payload, payloadLength)) {
                out.write(0xFF);
                out.write(marker);
                out.write(in, pos, length);
                if (first && marker == APP0) {
                    afterHeader = out.size(); // JFIF must stay the first segment
                }
            } else if (marker == APP1 && orientation == 0 && startsWith(in, payload, EXIF_HEADER)) {
                orientation = orientation(in, payload + EXIF_HEADER.length, payloadLength - EXIF_HEADER.length);
            }
            first = false;
            pos += length;
            if (marker == SOS) {
                sawScan = true;
                int end = endOfEntropyCodedData(in, pos);
                out.write(in, pos, end - pos);
                pos = end;
            }
        }
        byte[] stripped = out.toByteArray();
        return orientation >= 2 && orientation <= 8 ? withOrientation(stripped, afterHeader, orientation) : stripped;
    }

    private static boolean keepsJpegSegment(int marker, byte[] in, int payload, int payloadLength) {
        if (marker == APP0 || marker == APP14) {
            return true;
        }
        if (marker == APP2) {
            return payloadLength >= ICC_HEADER.length && startsWith(in, payload, ICC_HEADER);
        }
        return !(marker >= APP1 && marker <= 0xEF) && marker != COM;
    }

    /** Scan data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker. */
    private static int endOfEntropyCodedData(byte[] in, int from) throws UnreadableImage {
        int i = from;
        while (i < in.length - 1) {
            if ((in[i] & 0xFF) == 0xFF) {
                int next = in[i + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i += 2;
                    continue;
                }
                return i; // a marker, maybe after fill bytes (0xFF 0xFF ...): the segment loop skips those
            }
            i++;
        }
        throw new UnreadableImage("ends inside its image data");
    }

    /** The orientation tag of IFD0 in an EXIF block (a TIFF structure), or 0 when absent or unreadable. */
    static int orientation(byte[] in, int tiff, int tiffLength) {
        if (tiffLength < 8 || tiff < 0 || tiff > in.length - tiffLength) {
            return 0;
        }
        boolean littleEndian;
        if (in[tiff] == 'I' && in[tiff + 1] == 'I') {
            littleEndian = true;
        } else if (in[tiff] == 'M' && in[tiff + 1] == 'M') {
            littleEndian = false;
        } else {
            return 0;
        }
        long ifd = u32(in, tiff + 4, littleEndian);
        if (ifd < 8 || ifd > tiffLength - 2) {
            return 0;
        }
        int entries = u16(in, tiff + (int) ifd, littleEndian);
        for (int e = 0; e < entries; e++) {
            long entry = ifd + 2 + 12L * e;
            if (entry + 12 > tiffLength) {
                return 0;
            }
            int at = tiff + (int) entry;
            if (u16(in, at, littleEndian) == ORIENTATION_TAG && u16(in, at + 2, littleEndian) == 3) {
                return u16(in, at + 8, littleEndian);
            }
        }
        return 0;
    }

    /** A minimal EXIF segment holding nothing but the orientation, put after the JFIF header (or the SOI). */
    private static byte[] withOrientation(byte[] jpeg, int at, int orientation) {
        byte[] segment = {
                (byte) 0xFF, (byte) APP1, 0, 34,
                'E', 'x', 'i', 'f', 0, 0,
                'M', 'M', 0, 42, 0, 0, 0, 8,                      // big-endian TIFF header, IFD0 at 8
                0, 1,                                             // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
                0, 0, 0, 0};                                      // no next IFD
        byte[] result = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, result, 0, at);
        System.arraycopy(segment, 0, result, at, segment.length);
        System.arraycopy(jpeg, at, result, at + segment.length, jpeg.length - at);
        return result;
    }

    // --- PNG ----------------------------------------------------------------------------------------------------

    /** Text chunks (free text, often XMP or a location), EXIF, and the modification time. */
    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

    private static byte[] png(byte[] in) throws UnreadableImage {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8);
        int pos = 8;
        boolean first = true;
        while (true) {
            if (in.length - pos < 12) {
                throw new UnreadableImage("ends before its IEND chunk");
            }
            long length = u32(in, pos, false);
            if (length > in.length - pos - 12L) {
                throw new UnreadableImage("has a chunk whose length runs past the end of the file, at byte " + pos);
            }
            String type = new String(in, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (first && !type.equals("IHDR")) {
                throw new UnreadableImage("does not start with an IHDR chunk");
            }
            first = false;
            int chunk = 12 + (int) length;
            if (!PNG_METADATA.contains(type)) {
                out.write(in, pos, chunk);
            }
            pos += chunk;
            if (type.equals("IEND")) {
                return out.toByteArray(); // anything appended after the image is dropped
            }
        }
    }

    // --- WebP ---------------------------------------------------------------------------------------------------

    private static final int VP8X_EXIF_FLAG = 0x08;
    private static final int VP8X_XMP_FLAG = 0x04;

    /** Drops the EXIF and XMP chunks, clears their flags in the VP8X header and recomputes the RIFF size. */
    private static byte[] webp(byte[] in) throws UnreadableImage {
        if (in.length < 20) {
            throw new UnreadableImage("is too short to be a WebP image");
        }
        long riffEnd = 8 + u32(in, 4, true);
        if (riffEnd > in.length || riffEnd < 20) {
            throw new UnreadableImage("has a RIFF size that does not match the file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 12);
        int pos = 12;
        boolean sawImage = false;
        while (pos < riffEnd) {
            if (riffEnd - pos < 8) {
                throw new UnreadableImage("ends inside a chunk header, at byte " + pos);
            }
            String type = new String(in, pos, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            long size = u32(in, pos + 4, true);
            long padded = size + (size & 1);
            if (padded > riffEnd - pos - 8) {
                throw new UnreadableImage("has a chunk whose size runs past the end of the file, at byte " + pos);
            }
            if (pos == 12 && !(type.equals("VP8 ") || type.equals("VP8L") || type.equals("VP8X"))) {
                throw new UnreadableImage("does not start with a VP8, VP8L or VP8X chunk");
            }
            int chunk = 8 + (int) padded;
            if (type.equals("VP8X")) {
                if (size < 10) {
                    throw new UnreadableImage("has a VP8X header that is too short");
                }
                byte[] header = java.util.Arrays.copyOfRange(in, pos, pos + chunk);
                header[8] = (byte) (header[8] & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG));
                out.write(header, 0, header.length);
            } else if (!type.equals("EXIF") && !type.equals("XMP ")) {
                out.write(in, pos, chunk);
                sawImage |= type.equals("VP8 ") || type.equals("VP8L") || type.equals("ANMF");
            }
            pos += chunk;
        }
        if (!sawImage) {
            throw new UnreadableImage("has no image data");
        }
        byte[] result = out.toByteArray();
        long riffSize = result.length - 8L;
        result[4] = (byte) riffSize;
        result[5] = (byte) (riffSize >>> 8);
        result[6] = (byte) (riffSize >>> 16);
        result[7] = (byte) (riffSize >>> 24);
        return result;
    }

    // --- Bounded reads (callers check the bounds first) ---------------------------------------------------------

    private static int u16(byte[] in, int at, boolean littleEndian) {
        int a = in[at] & 0xFF;
        int b = in[at + 1] & 0xFF;
        return littleEndian ? a | (b << 8) : (a << 8) | b;
    }

    private static long u32(byte[] in, int at, boolean littleEndian) {
        long a = in[at] & 0xFF;
        long b = in[at + 1] & 0xFF;
        long c = in[at + 2] & 0xFF;
        long d = in[at + 3] & 0xFF;
        return littleEndian ? a | (b << 8) | (c << 16) | (d << 24) : (a << 24) | (b << 16) | (c << 8) | d;
    }
}
