package io.claimpilot.accounting;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The VAT split's generic lines (shipping, a claim without items) print in the document's language. */
class CreditNoteLineWordsTest {

    @Test
    void shippingAndTheWholeOrderAreWordedInTheDocumentsLanguageAndItemsKeepTheirSku() {
        CreditNote note = new CreditNote();
        note.orderId = "SO-1042";
        Map<String, String> french = Map.of("shippingLine", "Frais de port", "order", "Commande d'origine");

        assertThat(CreditNotePdf.described(line(VatSplit.SHIPPING), note, french)).isEqualTo("Frais de port");
        assertThat(CreditNotePdf.described(line("Order SO-1042"), note, french)).isEqualTo("Commande d'origine SO-1042");
        assertThat(CreditNotePdf.described(line("MUG-01 × 2"), note, french)).isEqualTo("MUG-01 × 2");
    }

    private static CreditNoteLine line(String description) {
        return new CreditNoteLine(description, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO);
    }
}
