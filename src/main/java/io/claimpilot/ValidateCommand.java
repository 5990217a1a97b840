package io.claimpilot;

import io.claimpilot.message.RulesFolderValidator;
import io.claimpilot.policy.ValidationReport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar target/quarkus-app/quarkus-run.jar validate rules/}: validates a policy folder offline,
 * without a database or a server, and prints the same report the upload gives. Exit code 0 when valid.
 */
public final class ValidateCommand {

    private ValidateCommand() {
    }

    public static int run(String[] args) {
        Path folder = Path.of(args.length > 1 ? args[1] : "rules");
        if (!Files.isDirectory(folder)) {
            System.err.println("Not a folder: " + folder.toAbsolutePath());
            return 2;
        }
        ValidationReport report = new RulesFolderValidator().validate(folder).report();
        System.out.print(report.toText());
        return report.valid() ? 0 : 1;
    }
}
