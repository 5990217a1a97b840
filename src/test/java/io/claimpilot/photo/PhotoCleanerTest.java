package io.claimpilot.photo;

import io.claimpilot.common.ApiProblem;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.claimpilot.photo.PhotoFixtures.GPS_RATIONALS;
import static io.claimpilot.photo.PhotoFixtures.XMP_GPS;
import static io.claimpilot.photo.PhotoFixtures.contains;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type of a photo is read from its content, and what is stored of it carries no position and still decodes. */
class PhotoCleanerTest {

    @Test
    void aJpegLosesItsExifXmpIptcCommentAndTrailingImageButKeepsItsPixelsAndOrientation() throws IOException {
        byte[] sent = PhotoFixtures.jpegWithGps();
        assertThat(contains(sent, GPS_RATIONALS)).as("the fixture carries a position").isTrue();

        CleanPhoto clean = PhotoCleaner.clean("photo", sent);

        assertThat(clean.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(contains(clean.bytes(), GPS_RATIONALS)).isFalse();
        assertThat(contains(clean.bytes(), XMP_GPS)).isFalse();
        assertThat(contains(clean.bytes(), "Paris")).isFalse();
        assertThat(contains(clean.bytes(), "Rivoli")).isFalse();
        assertThat(contains(clean.bytes(), "http://ns.adobe.com/xap")).isFalse();
        byte[] end = Arrays.copyOfRange(clean.bytes(), clean.bytes().length - 2, clean.bytes().length);
        assertThat(end).as("nothing after the end of the image").containsExactly(0xFF, 0xD9);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(24);
        // The orientation alone is written back, in an EXIF block of its own with no GPS pointer.
        int exif = indexOf(clean.bytes(), "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(exif).isPositive();
        assertThat(MetadataStripper.orientation(clean.bytes(), exif + 6, 26)).isEqualTo(6);
        assertThat(contains(clean.bytes(), new byte[]{(byte) 0x88, 0x25})).as("no GPS IFD pointer").isFalse();
        assertThat(clean.sha256()).hasSize(64);
    }

    @Test
    void aJpegWithoutMetadataIsStoredAsItCame() {
        byte[] plain = PhotoFixtures.encode(PhotoFixtures.picture(8, 8), "jpg");

        assertThat(PhotoCleaner.clean("photo", plain).bytes()).isEqualTo(plain);
    }

    @Test
    void aPngLosesItsExifTextAndTimeChunksAndStillDecodes() throws IOException {
        byte[] sent = PhotoFixtures.pngWithGps();
        assertThat(contains(sent, GPS_RATIONALS)).isTrue();

        CleanPhoto clean = PhotoCleaner.clean("photo", sent);

        assertThat(clean.format()).isEqualTo(ImageFormat.PNG);
        assertThat(contains(clean.bytes(), GPS_RATIONALS)).isFalse();
        assertThat(contains(clean.bytes(), XMP_GPS)).isFalse();
        assertThat(contains(clean.bytes(), "48.8566")).isFalse();
        for (String chunk : new String[]{"eXIf", "tEXt", "zTXt", "iTXt", "tIME"}) {
            assertThat(contains(clean.bytes(), chunk)).as(chunk).isFalse();
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(20);
        assertThat(decoded.getHeight()).isEqualTo(10);
        assertThat(decoded.getRGB(10, 5)).isEqualTo(PhotoFixtures.picture(20, 10).getRGB(10, 5));
    }

    /** Java has no WebP decoder: the test checks the container is well formed and the image chunk left untouched. */
    @Test
    void aWebpLosesItsExifAndXmpChunksAndItsFlagsAndKeepsItsImageChunk() {
        byte[] sent = PhotoFixtures.webpWithGps();
        assertThat(contains(sent, GPS_RATIONALS)).isTrue();

        CleanPhoto clean = PhotoCleaner.clean("photo", sent);

        byte[] out = clean.bytes();
        assertThat(clean.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(contains(out, GPS_RATIONALS)).isFalse();
        assertThat(contains(out, XMP_GPS)).isFalse();
        assertThat(contains(out, "EXIF")).isFalse();
        assertThat(contains(out, "XMP ")).isFalse();
        assertThat(ByteBuffer.wrap(out, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).as("RIFF size").isEqualTo(out.length - 8);
        assertThat(new String(out, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8X");
        assertThat(out[20] & 0x0C).as("EXIF and XMP flags cleared").isZero();
        byte[] imageChunk = Arrays.copyOfRange(PhotoFixtures.WEBP_1X1, 12, PhotoFixtures.WEBP_1X1.length);
        assertThat(Arrays.copyOfRange(out, 30, out.length)).isEqualTo(imageChunk);
    }

    /** HEIC keeps its EXIF and XMP in items addressed by offsets: their bytes are zeroed in place, nothing else moves. */
    @Test
    void aHeicPhotoHasItsExifAndXmpItemsZeroedInPlaceAndEverythingElseUnchanged() {
        for (PhotoFixtures.HeicLayout layout : List.of(PhotoFixtures.HeicLayout.IPHONE, new PhotoFixtures.HeicLayout(2, 0, -1, false))) {
            byte[] sent = PhotoFixtures.heic(layout);
            assertThat(contains(sent, GPS_RATIONALS)).as("the fixture carries a position").isTrue();

            CleanPhoto clean = PhotoCleaner.clean("photo", sent);

            byte[] out = clean.bytes();
            assertThat(clean.format()).isEqualTo(ImageFormat.HEIC);
            assertThat(clean.format().contentType()).isEqualTo("image/heic");
            assertThat(out).as("same length: every offset stays valid").hasSameSizeAs(sent);
            assertThat(contains(out, GPS_RATIONALS)).isFalse();
            assertThat(contains(out, XMP_GPS)).isFalse();
            int exif = indexOf(sent, PhotoFixtures.exifWithGps()) - 4 - 6; // the item: TIFF offset, "Exif\0\0", TIFF
            int exifLength = 4 + 6 + PhotoFixtures.exifWithGps().length;
            int xmp = indexOf(sent, PhotoFixtures.HEIC_XMP);
            for (int i = 0; i < sent.length; i++) {
                boolean metadata = (i >= exif && i < exif + exifLength) || (i >= xmp && i < xmp + PhotoFixtures.HEIC_XMP.length);
                assertThat(out[i]).as("byte " + i + " of " + layout).isEqualTo(metadata ? (byte) 0 : sent[i]);
            }
            assertThat(contains(out, PhotoFixtures.HEVC_PAYLOAD)).isTrue();
            assertThat(ImageFormat.sniff(out)).contains(ImageFormat.HEIC);
        }
    }

    @Test
    void aHeicTypeIsReadFromItsContentWhateverItsName() {
        byte[] heic = PhotoFixtures.heicWithGps();
        assertThat(ImageFormat.sniff(heic)).contains(ImageFormat.HEIC);
        byte[] mif1Major = heic.clone();
        System.arraycopy("mif1".getBytes(StandardCharsets.US_ASCII), 0, mif1Major, 8, 4);
        assertThat(ImageFormat.sniff(mif1Major)).contains(ImageFormat.HEIC);
        byte[] mp4 = heic.clone();
        for (int brand : new int[]{8, 16, 20}) {
            System.arraycopy("isom".getBytes(StandardCharsets.US_ASCII), 0, mp4, brand, 4);
        }
        assertThat(ImageFormat.sniff(mp4)).as("an ISO BMFF file without a HEIF brand").isEmpty();
        // AVIF is HEIF's structure (mif1) around an AV1 image: not an HEIC, and not served as one.
        byte[] avif = heic.clone();
        String[] avifBrands = {"avif", "mif1", "avif"};
        int[] brandOffsets = {8, 16, 20};
        for (int i = 0; i < brandOffsets.length; i++) {
            System.arraycopy(avifBrands[i].getBytes(StandardCharsets.US_ASCII), 0, avif, brandOffsets[i], 4);
        }
        assertThat(ImageFormat.sniff(avif)).as("an AVIF").isEmpty();
    }

    /** What cannot be blanked safely is refused, asking for a JPEG, rather than stored with its position. */
    @Test
    void aHeicWhoseMetadataCannotBeBlankedSafelyIsRefusedAskingForAJpeg() {
        byte[] standard = PhotoFixtures.heicWithGps();
        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("in its idat box", PhotoFixtures.heic(new PhotoFixtures.HeicLayout(1, 1, -1, false)));
        refused.put("as a construction from other items", PhotoFixtures.heic(new PhotoFixtures.HeicLayout(2, 2, -1, false)));
        refused.put("outside the file", PhotoFixtures.heic(new PhotoFixtures.HeicLayout(1, 0, standard.length - 10, false)));
        refused.put("outside its media data", PhotoFixtures.heic(new PhotoFixtures.HeicLayout(1, 0, 24, false)));
        refused.put("image sequence", PhotoFixtures.heic(new PhotoFixtures.HeicLayout(1, 0, -1, true)));

        refused.forEach((reason, heic) -> assertThatThrownBy(() -> PhotoCleaner.clean("photo", heic)).as(reason)
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(415);
                    assertThat(problem.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("photo");
                        assertThat(v.message()).startsWith("is a HEIC photo whose location data cannot be removed safely")
                                .contains(reason).contains("send it as JPEG");
                    });
                }));
    }

    @Test
    void aHeicWhoseBoxesDoNotAddUpIsRefusedAsUnreadable() {
        byte[] heic = PhotoFixtures.heicWithGps();
        byte[] metaTooLong = heic.clone();
        metaTooLong[24] = 0x7F; // the meta box claims 2 GB
        byte[] ilocCut = heic.clone();
        int iloc = indexOf(heic, "iloc".getBytes(StandardCharsets.US_ASCII)) - 4;
        ilocCut[iloc + 3] = 20; // the iloc box ends inside its first item
        for (byte[] broken : new byte[][]{Arrays.copyOf(heic, 60), metaTooLong, ilocCut}) {
            assertThatThrownBy(() -> PhotoCleaner.clean("photo", broken))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(400);
                        assertThat(problem.violations().get(0).message()).startsWith("is not a readable HEIC image");
                    });
        }
    }

    @Test
    void otherContentIsRefusedWhateverItClaimsToBe() {
        String[] hostile = {"<html><script>alert(1)</script></html>", "%PDF-1.7\n", "GIF89a\u0001\u0000", "\u0000\u0000\u0000\u0018ftypmp42",
                "RIFF\u0000\u0000\u0000\u0000AVI "};
        for (String content : hostile) {
            assertThatThrownBy(() -> PhotoCleaner.clean("photo", content.getBytes(StandardCharsets.ISO_8859_1)))
                    .as(content).isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(415);
                        assertThat(problem.violations().get(0).field()).isEqualTo("photo");
                    });
        }
        assertThatThrownBy(() -> PhotoCleaner.clean("photo", new byte[0]))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
    }

    @Test
    void aFileWhoseStructureDoesNotAddUpIsRefusedAsUnreadable() {
        byte[] jpeg = PhotoFixtures.jpegWithGps();
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        byte[] lyingLength = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF, 'E', 'x', 'i', 'f'};
        byte[] png = PhotoFixtures.pngWithGps();
        byte[] pngLyingLength = png.clone();
        pngLyingLength[8] = 0x7F; // IHDR claims 2 GB
        byte[] webp = PhotoFixtures.webpWithGps();
        byte[] webpLyingSize = webp.clone();
        webpLyingSize[16] = (byte) 0xFF;
        webpLyingSize[19] = (byte) 0x7F;

        for (byte[] broken : new byte[][]{truncated, lyingLength, Arrays.copyOf(png, png.length - 12), pngLyingLength, webpLyingSize}) {
            assertThatThrownBy(() -> PhotoCleaner.clean("photo", broken))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(400);
                        assertThat(problem.violations().get(0).field()).isEqualTo("photo");
                        assertThat(problem.violations().get(0).message()).startsWith("is not a readable");
                    });
        }
    }

    /** Hostile bytes anywhere: a refusal, never an exception the caller would see as a 500, and never a hang. */
    @Test
    void randomlyDamagedPhotosAreEitherCleanedOrRefusedNeverCrash() {
        Random random = new Random(16);
        byte[][] originals = {PhotoFixtures.jpegWithGps(), PhotoFixtures.pngWithGps(), PhotoFixtures.webpWithGps(),
                PhotoFixtures.heicWithGps()};
        for (int round = 0; round < 4000; round++) {
            byte[] damaged = originals[round % 4].clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                // Keep the signature, so the parsers (not the sniffing) meet the damage.
                damaged[12 + random.nextInt(damaged.length - 12)] = (byte) random.nextInt(256);
            }
            try {
                PhotoCleaner.clean("photo", damaged);
            } catch (ApiProblem refused) {
                assertThat(refused.status()).isIn(400, 415);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
