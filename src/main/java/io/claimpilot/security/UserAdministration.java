package io.claimpilot.security;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline {@code users} command: the first administrator of a production database, and the people after them,
 * without a console to sign in to. {@code create} asks for the password twice on the terminal (never echoed, never an
 * argument, so it stays out of the shell history and the process list) or reads one line from standard input with
 * {@code --password-stdin}. Every change goes through {@link ConsoleUsers}, with the console's password rules, and is
 * written to the security audit under the operating-system user who ran it.
 */
@ApplicationScoped
public class UserAdministration {

    public static final String USAGE = """
            Usage:
              users create --name <username> --role <agent|analyst|accountant|admin> [--display-name <name>] [--password-stdin]
              users list
              users deactivate --name <username>
            The password is asked twice on the terminal, or read from standard input with --password-stdin.
            """;

    @Inject
    ConsoleUsers users;

    /** Where the command reads passwords and writes its answer; the real one is {@link #system()}. */
    public interface Terminal {
        /** A password typed without echo, or null when there is no interactive terminal. */
        char[] readPassword(String prompt);

        /** One line of standard input, without its line break; null at the end of the input. */
        String readLine();

        PrintStream out();

        PrintStream err();
    }

    public static Terminal system() {
        Console console = System.console();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new Terminal() {
            @Override
            public char[] readPassword(String prompt) {
                return console == null ? null : console.readPassword("%s", prompt);
            }

            @Override
            public String readLine() {
                try {
                    return stdin.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public PrintStream out() {
                return System.out;
            }

            @Override
            public PrintStream err() {
                return System.err;
            }
        };
    }

    /** Who ran the command, as the audit shows it. */
    public static String operatingSystemActor() {
        return "users command (OS user " + System.getProperty("user.name", "unknown") + ")";
    }

    /** {@code args} without the leading "users". Exit code: 0 done, 1 refused, 2 wrong usage. */
    public int run(List<String> args, Terminal terminal, String actor) {
        if (args.isEmpty()) {
            terminal.err().print(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--password-stdin")) {
                options.put(arg, "true");
            } else if (arg.startsWith("--") && i + 1 < args.size() && List.of("--name", "--role", "--display-name").contains(arg)) {
                options.put(arg, args.get(++i));
            } else {
                terminal.err().println("Unknown or incomplete option: " + arg);
                terminal.err().print(USAGE);
                return 2;
            }
        }
        try {
            return switch (args.get(0)) {
                case "create" -> create(options, terminal, actor);
                case "list" -> list(terminal);
                case "deactivate" -> deactivate(options, terminal, actor);
                default -> {
                    terminal.err().println("Unknown command: users " + args.get(0));
                    terminal.err().print(USAGE);
                    yield 2;
                }
            };
        } catch (ApiProblem problem) {
            terminal.err().println("Refused: " + problem.getMessage());
            return 1;
        }
    }

    private int create(Map<String, String> options, Terminal terminal, String actor) {
        String name = options.get("--name");
        String role = options.get("--role");
        if (name == null || role == null) {
            terminal.err().println("users create needs --name and --role");
            terminal.err().print(USAGE);
            return 2;
        }
        String password = options.containsKey("--password-stdin") ? terminal.readLine() : typedTwice(name, terminal);
        if (password == null) {
            return 2;
        }
        ConsoleUser user = users.create(name, password, role, options.get("--display-name"), actor);
        terminal.out().println("Created " + user.username + " (" + user.role + "). They can sign in to the console now.");
        return 0;
    }

    /** The password typed twice without echo; null (after saying why) when there is no terminal or the two differ. */
    private static String typedTwice(String name, Terminal terminal) {
        char[] first = terminal.readPassword("Password for " + name + " (at least " + PasswordRules.MIN_LENGTH + " characters): ");
        if (first == null) {
            terminal.err().println("No terminal to ask the password on: pipe it in with --password-stdin");
            return null;
        }
        char[] second = terminal.readPassword("The same password again: ");
        try {
            if (second == null || !Arrays.equals(first, second)) {
                terminal.err().println("The two passwords differ: nothing is created");
                return null;
            }
            return new String(first);
        } finally {
            Arrays.fill(first, '\0');
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    @Transactional
    int list(Terminal terminal) {
        List<ConsoleUser> all = users.list();
        terminal.out().printf("%-30s %-11s %-12s %-5s %s%n", "USER", "ROLE", "STATUS", "KEYS", "CREATED");
        for (ConsoleUser user : all) {
            long keys = ApiKey.count("userId = ?1 and active = true", user.username);
            terminal.out().printf("%-30s %-11s %-12s %-5d %s%s%n", user.username, user.role, user.active ? "active" : "deactivated",
                    keys, user.createdAt, user.demo ? " (demo)" : "");
        }
        if (all.isEmpty()) {
            terminal.out().println("No console user yet: create the first administrator with users create --name <name> --role admin");
        }
        return 0;
    }

    private int deactivate(Map<String, String> options, Terminal terminal, String actor) {
        String name = options.get("--name");
        if (name == null) {
            terminal.err().println("users deactivate needs --name");
            return 2;
        }
        users.deactivate(name, actor);
        terminal.out().println("Deactivated " + name + ": they cannot sign in, and their API keys stop working.");
        return 0;
    }
}
