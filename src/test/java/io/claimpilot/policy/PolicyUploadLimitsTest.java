package io.claimpilot.policy;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static io.claimpilot.support.Api.ANALYST;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Each upload limit, when hit, is a 422 report naming the file, and nothing is stored. */
@QuarkusTest
class PolicyUploadLimitsTest {

    private static final int MIB = 1024 * 1024;

    @Inject
    Db db;

    private long versionsBefore;

    @BeforeEach
    void countVersions() {
        versionsBefore = db.count("select count(*) from policy_version");
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(db.count("select count(*) from policy_version")).as("no version stored").isEqualTo(versionsBefore);
    }

    private static RequestSpecification upload() {
        return given().header("Authorization", "Bearer " + ANALYST).multiPart("comment", "limits").multiPart("replaceAll", "true");
    }

    @Test
    void aTwentyFirstFileIsRefusedByName() {
        RequestSpecification request = upload();
        for (int i = 1; i <= 21; i++) {
            request.multiPart("files", String.format("rule%02d.drl", i), "package p;\n".getBytes(StandardCharsets.UTF_8));
        }
        request.post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.valid", equalTo(false))
                .body("report.problems[0].file", equalTo("rule21.drl"))
                .body("report.problems[0].message", containsString("at most 20 files"));
    }

    @Test
    void aFileOverFiveMebibytesIsRefusedByName() {
        upload().multiPart("files", "small.drl", "package p;\n".getBytes(StandardCharsets.UTF_8))
                .multiPart("files", "huge.drl", drlOf(5 * MIB + 1))
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.problems.size()", equalTo(1))
                .body("report.problems[0].file", equalTo("huge.drl"))
                .body("report.problems[0].message", containsString("at most 5 MiB"));
    }

    @Test
    void filesOverTenMebibytesTogetherAreRefusedNamingTheFileThatCrossesTheLimit() {
        upload().multiPart("files", "a.drl", drlOf(3 * MIB + MIB / 2))
                .multiPart("files", "b.drl", drlOf(3 * MIB + MIB / 2))
                .multiPart("files", "c.drl", drlOf(3 * MIB + MIB / 2))
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.problems.size()", equalTo(1))
                .body("report.problems[0].file", equalTo("c.drl"))
                .body("report.problems[0].message", containsString("at most 10 MiB"));
    }

    @Test
    void aTableOfMoreThanFiveThousandRowsIsRefusedByFileAndSheet() {
        upload().multiPart("files", "long.xlsx", workbook(5_001, 3))
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.problems[0].file", equalTo("long.xlsx"))
                .body("report.problems[0].message", containsString("Sheet 'Claims' has 5001 rows; a decision table may have at most 5000"));
    }

    @Test
    void aTableOfMoreThanOneHundredColumnsIsRefusedByFileAndSheet() {
        upload().multiPart("files", "wide.xlsx", workbook(3, 101))
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.problems[0].file", equalTo("wide.xlsx"))
                .body("report.problems[0].message", containsString("Sheet 'Claims' has 101 columns; a decision table may have at most 100"));
    }

    @Test
    void aCsvTableOfMoreThanFiveThousandRowsIsRefusedByName() {
        upload().multiPart("files", "long.csv", "x,y\n".repeat(5_001).getBytes(StandardCharsets.UTF_8))
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.problems[0].file", equalTo("long.csv"))
                .body("report.problems[0].message", containsString("has 5001 rows"));
    }

    /**
     * The attack: a workbook of a few hundred KB whose sheet inflates to 200 MB. POI must refuse it while reading the
     * compressed stream, so the heap never holds the inflated sheet (as a Java string it would be 400 MB).
     */
    @Test
    void aZipBombWorkbookIsRefusedWithoutInflatingIt() {
        byte[] bomb = zipBomb(200 * MIB);
        assertThat(bomb.length).as("the bomb is small on the wire").isLessThan(MIB);
        long heapBefore = usedHeapAfterGc();

        upload().multiPart("files", "bomb.xlsx", bomb)
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("report.problems[0].file", equalTo("bomb.xlsx"))
                .body("report.problems[0].message", containsString("zip bomb"));

        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth in bytes").isLessThan(64L * MIB);
    }

    /**
     * A body declared over the HTTP limit is refused before anything reads it, with a problem saying the limit
     * (common/TooLargeBodies). Sent as browsers and curl send a file upload: with its Content-Length.
     */
    @Test
    void aBodyOverTheHttpLimitIsRefusedWith413AsAProblemSayingTheLimit() throws Exception {
        String boundary = "claimpilot-limit-test";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String name : new String[]{"a.drl", "b.drl", "c.drl"}) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(drlOf(4 * MIB));
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + io.restassured.RestAssured.port + "/api/policies"))
                .header("Authorization", "Bearer " + ANALYST)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413", "\"field\":\"files\"",
                "The request body is over the limit of 11 MiB: a policy upload may carry at most 10 MiB of files in all"
                        + " (claimpilot.policy.limits.max-total-size); upload fewer or smaller files");
    }

    private static byte[] drlOf(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) ' ');
        byte[] header = "package p;\n// padding\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(header, 0, content, 0, header.length);
        return content;
    }

    private static byte[] workbook(int rows, int columns) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Claims");
            for (int r = 0; r < rows; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < columns; c++) {
                    row.createCell(c).setCellValue("x");
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real workbook whose first sheet is replaced by one inline cell of {@code inflated} repeated characters. */
    private static byte[] zipBomb(int inflated) {
        byte[] plain = workbook(1, 1);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(plain));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(9);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                            + "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] chunk = new byte[MIB];
                    Arrays.fill(chunk, (byte) 'A');
                    for (int written = 0; written < inflated; written += chunk.length) {
                        out.write(chunk);
                    }
                    out.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
