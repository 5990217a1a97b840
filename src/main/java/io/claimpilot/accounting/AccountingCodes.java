package io.claimpilot.accounting;

import io.claimpilot.claim.ClaimReason;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The analysts' {@code accounting.csv} in the rules folder: one row per claim reason, with its reason code and ledger
 * accounts. Read at start-up (a file with a problem stops the service, as a rule that does not compile does) and again
 * when it changes; an edit with a problem is logged and the last good mapping keeps running. The file is hostile
 * input: every value is checked against what the journal and the payment providers accept.
 */
@ApplicationScoped
public class AccountingCodes {

    private static final Logger LOG = Logger.getLogger(AccountingCodes.class);
    public static final String FILE = io.claimpilot.policy.PolicyFile.ACCOUNTING_CODES;
    static final String[] HEADER = {"reason", "reason_code", "label", "revenue_account", "vat_account",
            "customer_account", "reship_cost_account"};
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{3,20}");
    private static final int MAX_BYTES = 64 * 1024;

    @ConfigProperty(name = "claimpilot.rules.directory")
    Path directory;

    private volatile Map<ClaimReason, ReasonAccounts> current = Map.of();
    private volatile FileTime loadedModified;

    void onStart(@Observes @Priority(16) StartupEvent event) {
        Loaded loaded = load(file());
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException(file().toAbsolutePath() + " has problems:\n" + String.join("\n", loaded.problems()));
        }
        current = loaded.accounts();
        loadedModified = modified();
    }

    /** The reason code and accounts of a claim reason, from the last good version of the file. */
    public ReasonAccounts of(ClaimReason reason) {
        return current.get(reason);
    }

    /** Every reason's row, in the enum's order. */
    public Map<ClaimReason, ReasonAccounts> current() {
        return current;
    }

    /**
     * Reads the file again after a save. Polled with the message templates, rather than checked on every refund: the
     * refund path stays free of file system calls, and an edit can wait a couple of seconds.
     */
    @Scheduled(every = "{claimpilot.messages.check-every}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reloadWhenChanged() {
        FileTime modified = modified();
        if (!Objects.equals(modified, loadedModified)) {
            reload(modified);
        }
    }

    private synchronized void reload(FileTime modified) {
        if (Objects.equals(modified, loadedModified)) {
            return;
        }
        Loaded loaded = load(file());
        loadedModified = modified;
        if (loaded.problems().isEmpty()) {
            current = loaded.accounts();
            LOG.infof("Accounting codes reloaded from %s", file());
        } else {
            LOG.errorf("The edited %s has problems; the last good accounting codes keep running:%n%s", file(),
                    String.join("\n", loaded.problems()));
        }
    }

    private Path file() {
        return directory.resolve(FILE);
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file());
        } catch (IOException e) {
            return null;
        }
    }

    /** The rows of the file, or what is wrong with it, row by row and column by column. */
    public static Loaded load(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return Loaded.failed(FILE + " is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return parse(reader);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Loaded.failed(FILE + " cannot be read: " + e.getMessage());
        }
    }

    static Loaded parse(Reader reader) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<ClaimReason, ReasonAccounts> accounts = new EnumMap<>(ClaimReason.class);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> missing = new ArrayList<>();
            for (String column : HEADER) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                return Loaded.failed(FILE + ": the header lacks " + String.join(", ", missing));
            }
            for (CSVRecord row : parser) {
                String where = FILE + " line " + parser.getCurrentLineNumber();
                ClaimReason reason;
                try {
                    reason = ClaimReason.valueOf(row.get("reason"));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ", reason: '" + row.get("reason") + "' is not a claim reason");
                    continue;
                }
                if (accounts.containsKey(reason)) {
                    problems.add(where + ", reason: " + reason + " has a row already");
                    continue;
                }
                check(problems, where, "reason_code", row.get("reason_code"), REASON_CODE, "A-Z, 0-9 and _, at most 40");
                String label = row.get("label");
                if (label.isBlank() || label.length() > 100 || label.chars().anyMatch(c -> c < 0x20 || c == '|')) {
                    problems.add(where + ", label: must be 1 to 100 characters, without '|' or control characters");
                }
                for (String column : List.of("revenue_account", "vat_account", "customer_account", "reship_cost_account")) {
                    check(problems, where, column, row.get(column), ACCOUNT, "an account number of 3 to 20 digits");
                }
                accounts.put(reason, new ReasonAccounts(reason.name(), row.get("reason_code"), label,
                        row.get("revenue_account"), row.get("vat_account"), row.get("customer_account"),
                        row.get("reship_cost_account")));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            return Loaded.failed(FILE + " is not a valid CSV file: " + e.getMessage());
        }
        for (ClaimReason reason : ClaimReason.values()) {
            if (!accounts.containsKey(reason)) {
                problems.add(FILE + ": no row for the claim reason " + reason);
            }
        }
        return new Loaded(java.util.Collections.unmodifiableMap(accounts), List.copyOf(problems));
    }

    private static void check(List<String> problems, String where, String column, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            problems.add(where + ", " + column + ": '" + value + "' is not " + expected);
        }
    }

    public record Loaded(Map<ClaimReason, ReasonAccounts> accounts, List<String> problems) {
        static Loaded failed(String problem) {
            return new Loaded(Map.of(), List.of(problem));
        }
    }
}
