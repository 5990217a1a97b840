package io.claimpilot.accounting;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.CharsetEncoder;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The FEC's and the CSV's cells, on hostile text and on amounts. */
class JournalFilesTest {

    final CharsetEncoder latin9 = JournalFiles.FEC_CHARSET.newEncoder();

    @Test
    void aLabelCannotSplitARowAndKeepsWhatLatin9CanSay() {
        assertThat(JournalFiles.fecText("A|B\r\nC\tD", latin9)).isEqualTo("A B  C D");
        assertThat(JournalFiles.fecText("Éloïse Müller-Œuvray 5 €", latin9)).isEqualTo("Éloïse Müller-Œuvray 5 €");
        assertThat(JournalFiles.fecText("Erdős Łukasz 😀 東京", latin9)).isEqualTo("Erdos ?ukasz ? ??");
        assertThat(JournalFiles.fecText(null, latin9)).isEmpty();
    }

    @Test
    void amountsHaveADecimalCommaAndNoThousandsSeparator() {
        assertThat(JournalFiles.fecAmount(new BigDecimal("1234567.5"), 2)).isEqualTo("1234567,50");
        assertThat(JournalFiles.fecAmount(new BigDecimal("0"), 2)).isEqualTo("0,00");
        assertThat(JournalFiles.fecAmount(new BigDecimal("1500"), 0)).isEqualTo("1500");
    }

    @Test
    void aCsvCellThatWouldRunAsAFormulaStaysText() {
        assertThat(JournalFiles.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(JournalFiles.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(JournalFiles.cell("-2")).isEqualTo("'-2");
        assertThat(JournalFiles.cell("Line\r\nbreak")).isEqualTo("Line break");
        assertThat(JournalFiles.cell("Éloïse")).isEqualTo("Éloïse");
    }

    @Test
    void theFileNameIsTheSirenFecAndThePeriodsLastDay() {
        assertThat(JournalFiles.fecFileName("123 456 789", LocalDate.of(2026, 11, 30))).isEqualTo("123456789FEC20261130.txt");
    }

    @Test
    void anEmptyPeriodStillHasTheHeaderRow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JournalFiles.writeFec(List.of(), 2, out);
        assertThat(out.toString(JournalFiles.FEC_CHARSET)).isEqualTo(String.join("|", JournalLine.COLUMNS) + "\r\n");
    }
}
