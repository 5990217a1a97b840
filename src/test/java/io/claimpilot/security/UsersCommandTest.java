package io.claimpilot.security;

import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline {@code users} command against the test database: the first administrator of a production database, with
 * the console's password rules, each step in the security audit.
 */
@QuarkusTest
class UsersCommandTest {

    private static final String ACTOR = "users command (OS user ops)";

    @Inject
    UserAdministration command;
    @Inject
    Db db;

    /** A terminal that types the given passwords (null: no terminal) and pipes the given standard input. */
    static final class FakeTerminal implements UserAdministration.Terminal {
        final Deque<String> typed;
        final Deque<String> stdin;
        final boolean interactive;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final List<String> prompts = new java.util.ArrayList<>();

        FakeTerminal(boolean interactive, List<String> typed, List<String> stdin) {
            this.interactive = interactive;
            this.typed = new ArrayDeque<>(typed);
            this.stdin = new ArrayDeque<>(stdin);
        }

        static FakeTerminal typing(String... passwords) {
            return new FakeTerminal(true, Arrays.asList(passwords), List.of());
        }

        static FakeTerminal piping(String line) {
            return new FakeTerminal(false, List.of(), List.of(line));
        }

        @Override
        public char[] readPassword(String prompt) {
            prompts.add(prompt);
            return interactive && !typed.isEmpty() ? typed.pop().toCharArray() : null;
        }

        @Override
        public String readLine() {
            return stdin.poll();
        }

        @Override
        public PrintStream out() {
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public PrintStream err() {
            return new PrintStream(err, true, StandardCharsets.UTF_8);
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String errors() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static String newName() {
        return "alice-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theFirstAdministratorIsCreatedWithAPasswordTypedTwiceAndCanSignIn() {
        String name = newName();
        FakeTerminal terminal = FakeTerminal.typing("violet staple orbit 42", "violet staple orbit 42");

        int exit = command.run(List.of("create", "--name", name, "--role", "admin", "--display-name", "Alice Admin"), terminal, ACTOR);

        assertThat(exit).as(terminal.errors()).isZero();
        assertThat(terminal.prompts).hasSize(2);
        assertThat(terminal.output()).contains("Created " + name + " (admin)").doesNotContain("violet");
        assertThat(db.count("select count(*) from console_user where username = ?1 and role = 'admin' and active and not demo"
                + " and password_hash like '$2%'", name)).isEqualTo(1);
        assertThat(db.count("select count(*) from security_audit where subject = ?1 and action = 'USER_CREATED' and actor = ?2",
                name, ACTOR)).isEqualTo(1);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", name).formParam("j_password", "violet staple orbit 42")
                .post("/j_security_check").then().statusCode(302);
    }

    @Test
    void passwordsThatDifferOrAreWeakAreRefusedAndNothingIsStored() {
        String name = newName();
        FakeTerminal differ = FakeTerminal.typing("violet staple orbit 42", "violet staple orbit 43");
        assertThat(command.run(List.of("create", "--name", name, "--role", "admin"), differ, ACTOR)).isNotZero();
        assertThat(differ.errors()).contains("differ");

        for (String weak : new String[] {"short-pass", "password1234", "Password2026!", "aaaaaaaaaaaaaa", name + "-secret"}) {
            FakeTerminal terminal = FakeTerminal.piping(weak);
            assertThat(command.run(List.of("create", "--name", name, "--role", "admin", "--password-stdin"), terminal, ACTOR))
                    .as(weak).isEqualTo(1);
            assertThat(terminal.errors()).as(weak).startsWith("Refused: password: ");
        }
        assertThat(db.count("select count(*) from console_user where username = ?1", name)).isZero();
        assertThat(db.count("select count(*) from security_audit where subject = ?1", name)).isZero();
    }

    @Test
    void withoutATerminalThePasswordMustBePipedIn() {
        String name = newName();
        FakeTerminal none = new FakeTerminal(false, List.of(), List.of());
        assertThat(command.run(List.of("create", "--name", name, "--role", "analyst"), none, ACTOR)).isEqualTo(2);
        assertThat(none.errors()).contains("--password-stdin");

        FakeTerminal piped = FakeTerminal.piping("violet staple orbit 42");
        assertThat(command.run(List.of("create", "--name", name, "--role", "analyst", "--password-stdin"), piped, ACTOR)).isZero();
        assertThat(piped.prompts).isEmpty();
    }

    @Test
    void listShowsTheUsersAndDeactivateStopsTheirSessionsAndKeys() {
        String name = newName();
        command.run(List.of("create", "--name", name, "--role", "agent", "--password-stdin"), FakeTerminal.piping("violet staple orbit 42"), ACTOR);

        FakeTerminal list = FakeTerminal.typing();
        assertThat(command.run(List.of("list"), list, ACTOR)).isZero();
        assertThat(list.output()).containsPattern(name + "\\s+agent\\s+active");

        FakeTerminal deactivate = FakeTerminal.typing();
        assertThat(command.run(List.of("deactivate", "--name", name), deactivate, ACTOR)).isZero();
        assertThat(db.count("select count(*) from console_user where username = ?1 and not active", name)).isEqualTo(1);
        assertThat(db.count("select count(*) from security_audit where subject = ?1 and action = 'USER_DEACTIVATED' and actor = ?2",
                name, ACTOR)).isEqualTo(1);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", name).formParam("j_password", "violet staple orbit 42")
                .post("/j_security_check").then().header("Location", org.hamcrest.Matchers.containsString("error"));

        FakeTerminal again = FakeTerminal.typing();
        assertThat(command.run(List.of("deactivate", "--name", name), again, ACTOR)).isEqualTo(1);
        assertThat(command.run(List.of("delete", "--name", name), FakeTerminal.typing(), ACTOR)).isEqualTo(2);
    }
}
