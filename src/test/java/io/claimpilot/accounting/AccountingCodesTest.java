package io.claimpilot.accounting;

import io.claimpilot.claim.ClaimReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** rules/accounting.csv is hostile input: every problem is reported by line and column, and never half-applied. */
class AccountingCodesTest {

    static final String HEADER = "reason,reason_code,label,revenue_account,vat_account,customer_account,reship_cost_account\n";

    @TempDir
    Path rules;

    @Test
    void theShippedFileMapsEveryReason() {
        AccountingCodes.Loaded loaded = AccountingCodes.load(Path.of("rules", AccountingCodes.FILE));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.accounts()).containsOnlyKeys(ClaimReason.values());
        assertThat(loaded.accounts().get(ClaimReason.ORDER_CANCELLED_BEFORE_SHIPMENT))
                .isEqualTo(new ReasonAccounts("ORDER_CANCELLED_BEFORE_SHIPMENT", "ANNULATION", "Annulation de commande",
                        "707", "44571", "411", "6242"));
        assertThat(loaded.accounts().get(ClaimReason.DAMAGED).label()).isEqualTo("Produit endommagé");
    }

    @Test
    void everyBadValueIsNamedByLineAndColumn() throws IOException {
        AccountingCodes.Loaded loaded = load(HEADER
                + "ORDER_CANCELLED_BEFORE_SHIPMENT,annulation,Annulation,707,44571,411,6242\n"
                + "RETURN_SCANNED,RETOUR,\"Retour | marchandises\",7091,44571,411,6242\n"
                + "DAMAGED,AVARIE,Avarie,70A1,44571,411,6242\n"
                + "DAMAGED,AVARIE,Avarie,7091,44571,411,6242\n"
                + "LOST_AT_SEA,PERTE,Perte,7091,44571,411,6242\n"
                + "NOT_RECEIVED,NON_RECU,Non reçu,7091,44571,411,6242\n"
                + "WRONG_ITEM,ERREUR,Erreur,7091,44571,411,6242\n");

        assertThat(loaded.problems()).containsExactly(
                "accounting.csv line 2, reason_code: 'annulation' is not A-Z, 0-9 and _, at most 40",
                "accounting.csv line 3, label: must be 1 to 100 characters, without '|' or control characters",
                "accounting.csv line 4, revenue_account: '70A1' is not an account number of 3 to 20 digits",
                "accounting.csv line 5, reason: DAMAGED has a row already",
                "accounting.csv line 6, reason: 'LOST_AT_SEA' is not a claim reason",
                "accounting.csv: no row for the claim reason OTHER");
    }

    @Test
    void aMissingColumnOrAnUnreadableFileIsOneClearProblem() throws IOException {
        assertThat(load("reason,reason_code,label\nDAMAGED,AVARIE,Avarie\n").problems())
                .containsExactly("accounting.csv: the header lacks revenue_account, vat_account, customer_account, reship_cost_account");
        assertThat(load(HEADER + "DAMAGED,\"AVARIE,Avarie,7091\n").problems()).singleElement().asString()
                .startsWith("accounting.csv is not a valid CSV file");
        Files.write(rules.resolve(AccountingCodes.FILE), new byte[70 * 1024]);
        assertThat(AccountingCodes.load(rules.resolve(AccountingCodes.FILE)).problems())
                .containsExactly("accounting.csv is larger than 64 KiB");
        assertThat(AccountingCodes.load(rules.resolve("missing.csv")).problems()).singleElement().asString()
                .startsWith("accounting.csv cannot be read");
    }

    @Test
    void aSavedEditIsUsedAtTheNextCheckAndABrokenEditKeepsTheLastGoodMapping() throws IOException {
        Files.copy(Path.of("rules", AccountingCodes.FILE), rules.resolve(AccountingCodes.FILE));
        AccountingCodes codes = new AccountingCodes();
        codes.directory = rules;
        codes.onStart(null);
        assertThat(codes.of(ClaimReason.DAMAGED).revenueAccount()).isEqualTo("7091");

        String edited = Files.readString(rules.resolve(AccountingCodes.FILE)).replace("DAMAGED,AVARIE,Produit endommagé,7091",
                "DAMAGED,AVARIE,Produit endommagé,7097");
        write(edited, Instant.parse("2030-01-01T00:00:00Z"));
        codes.reloadWhenChanged();
        assertThat(codes.of(ClaimReason.DAMAGED).revenueAccount()).isEqualTo("7097");

        write(edited.replace("7097", "seven"), Instant.parse("2030-01-02T00:00:00Z"));
        codes.reloadWhenChanged();
        assertThat(codes.of(ClaimReason.DAMAGED).revenueAccount()).isEqualTo("7097");
    }

    @Test
    void aBrokenFileAtStartUpStopsTheService() throws IOException {
        Files.writeString(rules.resolve(AccountingCodes.FILE), HEADER + "DAMAGED,AVARIE,Avarie,7091,44571,411,6242\n");
        AccountingCodes codes = new AccountingCodes();
        codes.directory = rules;

        assertThatThrownBy(() -> codes.onStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no row for the claim reason ORDER_CANCELLED_BEFORE_SHIPMENT");
    }

    private AccountingCodes.Loaded load(String content) throws IOException {
        Path file = rules.resolve(AccountingCodes.FILE);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return AccountingCodes.load(file);
    }

    private void write(String content, Instant modified) throws IOException {
        Path file = rules.resolve(AccountingCodes.FILE);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
