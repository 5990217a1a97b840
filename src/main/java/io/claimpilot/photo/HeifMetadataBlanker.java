package io.claimpilot.photo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes the metadata of a HEIC/HEIF photo without re-encoding it. In HEIF (ISO/IEC 23008-12, on ISO BMFF), EXIF
 * (with the GPS position) and XMP are <em>items</em>: {@code meta/iinf} names them ({@code Exif}, or {@code mime} with
 * the XMP content type {@code application/rdf+xml}) and {@code meta/iloc} says which byte ranges of the file hold
 * them. Those ranges are overwritten with zeros in place: the file keeps its length, so every offset in it stays
 * valid, and the images are untouched. (The display orientation of a HEIF lives in its {@code irot}/{@code imir}
 * properties, not in EXIF, so nothing needs writing back.)
 *
 * <p>Every length is checked against the box that holds it before it is used. Anything this class does not know how
 * to blank safely is refused rather than stored with its position: metadata kept in {@code idat} or built from other
 * items (construction methods 1 and 2), in another file, protected, with a length of "to the end", outside the
 * file's {@code mdat} boxes; old item-info versions; image sequences ({@code moov}, whose tracks carry metadata of
 * their own) and top-level boxes of unknown content.
 */
final class HeifMetadataBlanker {

    /** A HEIF this class will not clean; the message completes "is a HEIC photo whose metadata cannot be removed: it ...". */
    static final class UnsupportedHeif extends Exception {
        UnsupportedHeif(String message) {
            super(message);
        }
    }

    /** The top-level boxes a HEIF still image has (ftyp, meta, mdat) and the padding ones whose content is free. */
    private static final Set<String> TOP_LEVEL = Set.of("ftyp", "meta", "mdat", "free", "skip", "wide");
    private static final String XMP_CONTENT_TYPE = "application/rdf+xml";
    /** A HEIF's meta box lists a few hundred items at most (the tiles of a photo); more is not a photo. */
    private static final long MAX_ITEMS = 10_000;

    private HeifMetadataBlanker() {
    }

    private record Box(String type, long start, long payload, long end) {
    }

    private record Range(long offset, long length) {
    }

    static byte[] blank(byte[] in) throws MetadataStripper.UnreadableImage, UnsupportedHeif {
        List<Box> top = boxes(in, 0, in.length);
        if (top.isEmpty() || !top.get(0).type().equals("ftyp")) {
            throw new MetadataStripper.UnreadableImage("does not start with an ftyp box");
        }
        Box meta = null;
        List<Box> mdats = new ArrayList<>();
        for (Box box : top) {
            switch (box.type()) {
                case "meta" -> {
                    if (meta != null) {
                        throw new MetadataStripper.UnreadableImage("has two meta boxes");
                    }
                    meta = box;
                }
                case "mdat" -> mdats.add(box);
                case "moov" -> throw new UnsupportedHeif("is an image sequence (moov box), whose tracks carry metadata of their own");
                default -> {
                    if (!TOP_LEVEL.contains(box.type())) {
                        throw new UnsupportedHeif("has a top-level '" + printable(box.type()) + "' box of unknown content");
                    }
                }
            }
        }
        if (meta == null) {
            throw new MetadataStripper.UnreadableImage("has no meta box");
        }
        List<Box> inMeta = boxes(in, fullBoxPayload(in, meta), meta.end());
        Box iinf = only(inMeta, "iinf");
        Box iloc = only(inMeta, "iloc");
        if (iinf == null) {
            throw new MetadataStripper.UnreadableImage("has no item information (iinf) box");
        }
        List<Long> metadataItems = metadataItems(in, iinf);
        if (metadataItems.isEmpty()) {
            return in.clone();
        }
        if (iloc == null) {
            throw new MetadataStripper.UnreadableImage("has metadata items but no item location (iloc) box");
        }
        Map<Long, List<Range>> locations = locations(in, iloc, Set.copyOf(metadataItems));
        byte[] out = in.clone();
        for (long item : metadataItems) {
            List<Range> ranges = locations.get(item);
            if (ranges == null) {
                throw new UnsupportedHeif("has a metadata item (" + item + ") without a location");
            }
            for (Range range : ranges) {
                if (!insideAnMdat(range, mdats)) {
                    throw new UnsupportedHeif("has a metadata item (" + item + ") outside its media data");
                }
                java.util.Arrays.fill(out, (int) range.offset(), (int) (range.offset() + range.length()), (byte) 0);
            }
        }
        return out;
    }

    /** The ids of the Exif items and the XMP ones ({@code mime} items of type {@code application/rdf+xml}). */
    private static List<Long> metadataItems(byte[] in, Box iinf) throws MetadataStripper.UnreadableImage, UnsupportedHeif {
        int version = requireLength(in, iinf, 4) ? in[(int) iinf.payload()] & 0xFF : 0;
        long entriesAt = iinf.payload() + 4;
        long entriesEnd = entriesAt + (version == 0 ? 2 : 4);
        if (entriesEnd > iinf.end()) {
            throw new MetadataStripper.UnreadableImage("has an iinf box too short for its entry count");
        }
        long declared = version == 0 ? u16(in, entriesAt) : u32(in, entriesAt);
        if (declared > MAX_ITEMS) {
            throw new MetadataStripper.UnreadableImage("declares " + declared + " items");
        }
        List<Long> found = new ArrayList<>();
        List<Box> entries = boxes(in, entriesEnd, iinf.end());
        for (Box infe : entries) {
            if (!infe.type().equals("infe")) {
                continue;
            }
            requireLength(in, infe, 4);
            int infeVersion = in[(int) infe.payload()] & 0xFF;
            if (infeVersion < 2 || infeVersion > 3) {
                throw new UnsupportedHeif("uses item information of version " + infeVersion + ", which only versions 2 and 3 name by type");
            }
            long at = infe.payload() + 4;
            int idSize = infeVersion == 2 ? 2 : 4;
            if (at + idSize + 2 + 4 > infe.end()) {
                throw new MetadataStripper.UnreadableImage("has an infe box too short for its fields");
            }
            long itemId = infeVersion == 2 ? u16(in, at) : u32(in, at);
            at += idSize;
            int protection = u16(in, at);
            at += 2;
            String itemType = new String(in, (int) at, 4, StandardCharsets.ISO_8859_1);
            at += 4;
            boolean metadata = itemType.equals("Exif");
            if (itemType.equals("mime")) {
                long afterName = afterNullTerminated(in, at, infe.end());
                String contentType = new String(in, (int) afterName, (int) (nullOrEnd(in, afterName, infe.end()) - afterName),
                        StandardCharsets.UTF_8);
                metadata = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(XMP_CONTENT_TYPE);
            }
            if (metadata) {
                if (protection != 0) {
                    throw new UnsupportedHeif("has a protected metadata item (" + itemId + ")");
                }
                found.add(itemId);
            }
        }
        return found;
    }

    /** The byte ranges of the wanted items, from the iloc box (versions 0, 1 and 2). */
    private static Map<Long, List<Range>> locations(byte[] in, Box iloc, Set<Long> wanted)
            throws MetadataStripper.UnreadableImage, UnsupportedHeif {
        Reader reader = new Reader(in, iloc.payload(), iloc.end());
        int version = reader.u8();
        reader.skip(3); // flags
        if (version > 2) {
            throw new UnsupportedHeif("has an item location box of version " + version);
        }
        int sizes = reader.u8();
        int offsetSize = sizes >>> 4;
        int lengthSize = sizes & 0x0F;
        int moreSizes = reader.u8();
        int baseOffsetSize = moreSizes >>> 4;
        int indexSize = version == 0 ? 0 : moreSizes & 0x0F;
        for (int size : new int[]{offsetSize, lengthSize, baseOffsetSize, indexSize}) {
            if (size != 0 && size != 4 && size != 8) {
                throw new MetadataStripper.UnreadableImage("has an item location field of " + size + " bytes");
            }
        }
        long itemCount = version < 2 ? reader.u16() : reader.u32();
        if (itemCount > MAX_ITEMS) {
            throw new MetadataStripper.UnreadableImage("locates " + itemCount + " items");
        }
        Map<Long, List<Range>> locations = new HashMap<>();
        for (long i = 0; i < itemCount; i++) {
            long itemId = version < 2 ? reader.u16() : reader.u32();
            int constructionMethod = version == 0 ? 0 : reader.u16() & 0x0F;
            int dataReference = reader.u16();
            long baseOffset = reader.unsigned(baseOffsetSize);
            int extentCount = reader.u16();
            List<Range> ranges = new ArrayList<>();
            for (int e = 0; e < extentCount; e++) {
                reader.skip(indexSize);
                long offset = reader.unsigned(offsetSize);
                long length = reader.unsigned(lengthSize);
                ranges.add(new Range(offset, length));
            }
            if (!wanted.contains(itemId)) {
                continue;
            }
            if (constructionMethod != 0) {
                throw new UnsupportedHeif("keeps a metadata item (" + itemId + ") " + (constructionMethod == 1
                        ? "in its idat box" : "as a construction from other items"));
            }
            if (dataReference != 0) {
                throw new UnsupportedHeif("keeps a metadata item (" + itemId + ") in another file");
            }
            if (locations.containsKey(itemId)) {
                throw new MetadataStripper.UnreadableImage("locates item " + itemId + " twice");
            }
            List<Range> absolute = new ArrayList<>();
            for (Range range : ranges) {
                if (range.length() == 0) {
                    throw new UnsupportedHeif("gives a metadata item (" + itemId + ") no length");
                }
                if (baseOffset < 0 || range.offset() < 0 || range.length() < 0
                        || baseOffset > in.length || range.offset() > in.length - baseOffset
                        || range.length() > in.length - baseOffset - range.offset()) {
                    throw new UnsupportedHeif("places a metadata item (" + itemId + ") outside the file");
                }
                absolute.add(new Range(baseOffset + range.offset(), range.length()));
            }
            locations.put(itemId, absolute);
        }
        return locations;
    }

    private static boolean insideAnMdat(Range range, List<Box> mdats) {
        for (Box mdat : mdats) {
            if (range.offset() >= mdat.payload() && range.offset() + range.length() <= mdat.end()) {
                return true;
            }
        }
        return false;
    }

    /** The boxes laid end to end in {@code [from, to)}; each one's size checked against what is left. */
    private static List<Box> boxes(byte[] in, long from, long to) throws MetadataStripper.UnreadableImage {
        List<Box> boxes = new ArrayList<>();
        long at = from;
        while (at < to) {
            if (to - at < 8) {
                throw new MetadataStripper.UnreadableImage("ends inside a box header, at byte " + at);
            }
            long size = u32(in, at);
            String type = new String(in, (int) at + 4, 4, StandardCharsets.ISO_8859_1);
            long header = 8;
            if (size == 1) {
                if (to - at < 16) {
                    throw new MetadataStripper.UnreadableImage("ends inside a box header, at byte " + at);
                }
                size = u64(in, at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at; // the box runs to the end of its parent
            }
            if (size < header || size > to - at) {
                throw new MetadataStripper.UnreadableImage("has a box whose size runs past its end, at byte " + at);
            }
            boxes.add(new Box(type, at, at + header, at + size));
            at += size;
        }
        return boxes;
    }

    /** A full box's children start after its version and flags. */
    private static long fullBoxPayload(byte[] in, Box box) throws MetadataStripper.UnreadableImage {
        requireLength(in, box, 4);
        return box.payload() + 4;
    }

    private static boolean requireLength(byte[] in, Box box, long length) throws MetadataStripper.UnreadableImage {
        if (box.end() - box.payload() < length) {
            throw new MetadataStripper.UnreadableImage("has a " + printable(box.type()) + " box too short for its fields");
        }
        return true;
    }

    private static Box only(List<Box> boxes, String type) throws MetadataStripper.UnreadableImage {
        Box found = null;
        for (Box box : boxes) {
            if (box.type().equals(type)) {
                if (found != null) {
                    throw new MetadataStripper.UnreadableImage("has two " + type + " boxes");
                }
                found = box;
            }
        }
        return found;
    }

    private static long nullOrEnd(byte[] in, long from, long end) {
        long at = from;
        while (at < end && in[(int) at] != 0) {
            at++;
        }
        return at;
    }

    private static long afterNullTerminated(byte[] in, long from, long end) {
        long at = nullOrEnd(in, from, end);
        return at < end ? at + 1 : end;
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : "?";
    }

    private static int u16(byte[] in, long at) {
        return ((in[(int) at] & 0xFF) << 8) | (in[(int) at + 1] & 0xFF);
    }

    private static long u32(byte[] in, long at) {
        return ((long) u16(in, at) << 16) | u16(in, at + 2);
    }

    /** A 64-bit size or offset; one beyond Java's long is beyond any photo, and comes back negative for the checks. */
    private static long u64(byte[] in, long at) {
        return (u32(in, at) << 32) | u32(in, at + 4);
    }

    /** Reads fields in order inside one box, refusing to read past its end. */
    private static final class Reader {
        private final byte[] in;
        private final long end;
        private long at;

        Reader(byte[] in, long from, long end) {
            this.in = in;
            this.at = from;
            this.end = end;
        }

        private void need(long bytes) throws MetadataStripper.UnreadableImage {
            if (end - at < bytes) {
                throw new MetadataStripper.UnreadableImage("has an item location box that ends inside its fields");
            }
        }

        int u8() throws MetadataStripper.UnreadableImage {
            need(1);
            return in[(int) at++] & 0xFF;
        }

        int u16() throws MetadataStripper.UnreadableImage {
            need(2);
            int value = HeifMetadataBlanker.u16(in, at);
            at += 2;
            return value;
        }

        long u32() throws MetadataStripper.UnreadableImage {
            need(4);
            long value = HeifMetadataBlanker.u32(in, at);
            at += 4;
            return value;
        }

        long unsigned(int size) throws MetadataStripper.UnreadableImage {
            return switch (size) {
                case 0 -> 0;
                case 4 -> u32();
                default -> {
                    need(8);
                    long value = u64(in, at);
                    at += 8;
                    yield value;
                }
            };
        }

        void skip(int bytes) throws MetadataStripper.UnreadableImage {
            need(bytes);
            at += bytes;
        }
    }
}
