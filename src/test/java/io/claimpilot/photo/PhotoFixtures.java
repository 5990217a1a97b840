package io.claimpilot.photo;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Photos as phones send them, built in the test: real pixels (ImageIO), plus the metadata a phone writes, among them
 * a GPS position (48°51'29.97"N, Paris). {@link #GPS_RATIONALS} are the latitude's bytes, which must never be stored.
 */
public final class PhotoFixtures {

    /** GPSLatitude as three big-endian RATIONALs: 48/1, 51/1, 2997/100. */
    public static final byte[] GPS_RATIONALS = ByteBuffer.allocate(24).putInt(48).putInt(1).putInt(51).putInt(1)
            .putInt(2997).putInt(100).array();
    public static final String XMP_GPS = "<exif:GPSLatitude>48,51.4995N</exif:GPSLatitude>";
    /** The smallest lossy WebP (1×1), as browsers' feature tests use it: a RIFF with one "VP8 " chunk. */
    static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    private PhotoFixtures() {
    }

    /**
     * An EXIF block (a big-endian TIFF structure): IFD0 with the orientation (6: turn 90° clockwise, as a phone held
     * upright writes it) and a pointer to a GPS IFD holding the latitude.
     */
    public static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(92).order(ByteOrder.BIG_ENDIAN);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        tiff.putInt(0);
        tiff.putShort((short) 2); // GPS IFD at 38
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[]{'N', 0, 0, 0});
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(68);
        tiff.putInt(0);
        tiff.put(GPS_RATIONALS);
        return tiff.array();
    }

    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 40));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    /** A JPEG with EXIF (orientation + GPS), XMP with the position, a comment, and a second image after its end. */
    public static byte[] jpegWithGps() {
        byte[] plain = encode(picture(32, 24), "jpg");
        int afterJfif = 4 + (((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF)); // ImageIO writes JFIF APP0 first
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterJfif);
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifWithGps()));
        segment(out, 0xE1, ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + XMP_GPS + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        segment(out, 0xED, "Photoshop 3.0\0IPTC City: Paris".getBytes(StandardCharsets.UTF_8));
        segment(out, 0xFE, "Taken at 12 rue de Rivoli".getBytes(StandardCharsets.UTF_8));
        out.write(plain, afterJfif, plain.length - afterJfif);
        // A multi-picture file's second image, after the first one's end, with its own EXIF.
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifWithGps()));
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /** A PNG with eXIf (the same GPS), text chunks with the position, and a modification time. */
    public static byte[] pngWithGps() {
        byte[] plain = encode(picture(20, 10), "png");
        int iend = plain.length - 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, iend);
        chunk(out, "eXIf", exifWithGps());
        chunk(out, "tEXt", "Location\0Paris 48.8566N 2.3522E".getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "iTXt", ("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>" + XMP_GPS + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8));
        chunk(out, "zTXt", "Comment\0\0xyz".getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "tIME", new byte[]{0x07, (byte) 0xEA, 11, 30, 12, 0, 0});
        out.write(plain, iend, 12);
        return out.toByteArray();
    }

    /** An extended WebP (VP8X, flags saying EXIF and XMP) with EXIF (the same GPS) and an odd-sized XMP chunk. */
    public static byte[] webpWithGps() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        riffChunk(body, "VP8X", new byte[]{0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        body.write(WEBP_1X1, 12, WEBP_1X1.length - 12); // its "VP8 " chunk as it is
        riffChunk(body, "EXIF", exifWithGps());
        riffChunk(body, "XMP ", ("<x:xmpmeta>" + XMP_GPS + "</x:xmpmeta>!").getBytes(StandardCharsets.UTF_8));
        byte[] content = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(content.length).array());
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** Stands for the HEVC-coded image of a HEIC: bytes that must come out exactly as they went in. */
    public static final byte[] HEVC_PAYLOAD = "HEVC image data, kept byte for byte".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] HEIC_XMP = ("<x:xmpmeta>" + XMP_GPS + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8);

    /**
     * How {@link #heic(HeicLayout)} lays out its file: the iloc version (1: 4-byte fields and absolute offsets; 2:
     * 8-byte fields and offsets from a base offset), the Exif item's construction method, where its extent points
     * (-1: where the Exif bytes are), and an image sequence's moov box.
     */
    public record HeicLayout(int ilocVersion, int exifConstructionMethod, long exifOffset, boolean withMoov) {
        public static final HeicLayout IPHONE = new HeicLayout(1, 0, -1, false);
    }

    /** A HEIC as a phone writes one, with a GPS position in its Exif item and in its XMP item. */
    public static byte[] heicWithGps() {
        return heic(HeicLayout.IPHONE);
    }

    /**
     * A minimal HEIF file, valid as ISO/IEC 23008-12 lays it out: {@code ftyp} (heic; mif1, heic), {@code meta}
     * ({@code hdlr} pict, {@code pitm}, {@code iinf} with item 1 {@code hvc1}, item 2 {@code Exif}, item 3
     * {@code mime} XMP, and {@code iloc}), then {@code mdat} with the three items' bytes. The "image" is a stand-in
     * ({@link #HEVC_PAYLOAD}): nothing here decodes HEVC, and the cleaning must not touch it anyway.
     */
    public static byte[] heic(HeicLayout layout) {
        byte[] exif = concat(new byte[]{0, 0, 0, 6}, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifWithGps()));
        ByteBuffer ftyp = ByteBuffer.allocate(24).putInt(24).put(ascii("ftyp")).put(ascii("heic")).putInt(0)
                .put(ascii("mif1")).put(ascii("heic"));
        byte[] hdlr = fullBox("hdlr", 0, ByteBuffer.allocate(21).putInt(0).put(ascii("pict")).putInt(0).putInt(0).putInt(0).put((byte) 0).array());
        byte[] pitm = fullBox("pitm", 0, new byte[]{0, 1});
        byte[] iinf = fullBox("iinf", 0, concat(new byte[]{0, 3}, concat(infe(1, "hvc1", null),
                concat(infe(2, "Exif", null), infe(3, "mime", "application/rdf+xml")))));
        int ilocSize = layout.ilocVersion() == 2 ? 12 + 2 + 4 + 3 * 34 : 12 + 2 + 2 + 3 * 20;
        int metaSize = 12 + hdlr.length + pitm.length + iinf.length + ilocSize;
        long mdatPayload = 24 + metaSize + 8;
        long[] offsets = {mdatPayload, mdatPayload + HEVC_PAYLOAD.length, mdatPayload + HEVC_PAYLOAD.length + exif.length};
        long[] lengths = {HEVC_PAYLOAD.length, exif.length, HEIC_XMP.length};
        if (layout.exifOffset() >= 0) {
            offsets[1] = layout.exifOffset();
        }
        ByteBuffer iloc = ByteBuffer.allocate(ilocSize - 12);
        if (layout.ilocVersion() == 2) {
            iloc.put((byte) 0x88).put((byte) 0x80).putInt(3);
            for (int item = 0; item < 3; item++) {
                iloc.putInt(item + 1).putShort((short) (item == 1 ? layout.exifConstructionMethod() : 0)).putShort((short) 0)
                        .putLong(mdatPayload).putShort((short) 1).putLong(offsets[item] - mdatPayload).putLong(lengths[item]);
            }
        } else {
            iloc.put((byte) 0x44).put((byte) 0x40).putShort((short) 3);
            for (int item = 0; item < 3; item++) {
                iloc.putShort((short) (item + 1)).putShort((short) (item == 1 ? layout.exifConstructionMethod() : 0))
                        .putShort((short) 0).putInt(0).putShort((short) 1).putInt((int) offsets[item]).putInt((int) lengths[item]);
            }
        }
        byte[] meta = fullBox("meta", 0, concat(hdlr, concat(pitm, concat(iinf, fullBox("iloc", layout.ilocVersion(), iloc.array())))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ftyp.array());
        out.writeBytes(meta);
        out.writeBytes(ByteBuffer.allocate(8).putInt(8 + HEVC_PAYLOAD.length + exif.length + HEIC_XMP.length).put(ascii("mdat")).array());
        out.writeBytes(HEVC_PAYLOAD);
        out.writeBytes(exif);
        out.writeBytes(HEIC_XMP);
        if (layout.withMoov()) {
            out.writeBytes(ByteBuffer.allocate(16).putInt(16).put(ascii("moov")).putInt(8).put(ascii("udta")).array());
        }
        return out.toByteArray();
    }

    private static byte[] infe(int itemId, String type, String contentType) {
        byte[] name = {0};
        byte[] fields = concat(ByteBuffer.allocate(8).putShort((short) itemId).putShort((short) 0).put(ascii(type)).array(), name);
        if (contentType != null) {
            fields = concat(fields, (contentType + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        return fullBox("infe", 2, fields);
    }

    private static byte[] fullBox(String type, int version, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length).putInt(12 + payload.length).put(ascii(type)).putInt(version << 24)
                .put(payload).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public static boolean contains(byte[] haystack, String needle) {
        return contains(haystack, needle.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >>> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
    }
}
