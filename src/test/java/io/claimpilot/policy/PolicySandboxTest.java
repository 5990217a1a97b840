package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.facts.TestFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.claimpilot.policy.HostilePolicies.drl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A policy reads the facts and calls outcome; everything else is refused before it is compiled, and cannot link. */
class PolicySandboxTest {

    private static final String HEADER = """
            package io.claimpilot.rules.sandbox

            import io.claimpilot.facts.ClaimFacts
            import java.math.BigDecimal

            global io.claimpilot.decision.PolicyOutcome outcome

            """;

    static Stream<HostilePolicies.Hostile> hostile() {
        return HostilePolicies.all();
    }

    private static List<PolicyProblem> problemsOf(PolicyCompiler compiler, PolicyFile... files) {
        PolicyCompilationException refused = catchThrowableOfType(PolicyCompilationException.class,
                () -> compiler.compile(new PolicySource(List.of(files))));
        assertThat(refused).as("the policy is refused").isNotNull();
        return refused.problems();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void everyHostilePolicyIsRefusedWhereItIsWrittenBeforeItIsCompiled(HostilePolicies.Hostile hostile) {
        List<PolicyProblem> problems = problemsOf(new PolicyCompiler(), hostile.file());

        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.file()).isEqualTo(hostile.file().name());
            assertThat(problem.severity()).isEqualTo(PolicyProblem.Severity.ERROR);
            assertThat(problem.line()).isEqualTo(hostile.line());
            assertThat(problem.sheet()).isEqualTo(hostile.sheet());
            assertThat(problem.cell()).isEqualTo(hostile.cell());
            assertThat(problem.message()).contains(hostile.words())
                    .endsWith("a policy can only read the claim's facts and call outcome.");
        });
    }

    @Test
    void aRefusalSaysTheLineAndWhatItCallsInPlainWords() {
        List<PolicyProblem> problems = problemsOf(new PolicyCompiler(), drl("exit.drl", HEADER + """
                rule "Exit"
                when
                    ClaimFacts()
                then
                    System.exit(0);
                end
                """));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(12);
            assertThat(problem.message()).isEqualTo("Line 12 calls System.exit: a policy can only read the claim's facts and call outcome.");
        });
    }

    @Test
    void aTableCellIsNamedInTheRefusal() {
        List<PolicyProblem> problems = problemsOf(new PolicyCompiler(),
                new PolicyFile("claims.xlsx", HostilePolicies.withFunctionsCell("function void shutDown() { System.exit(0); }")));

        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.message())
                .isEqualTo("Cell C4 calls System.exit: a policy can only read the claim's facts and call outcome."));
    }

    @Test
    void whatAPolicyMayUseCompilesAndDecides() {
        CompiledPolicy policy = new PolicyCompiler().compile(new PolicySource(List.of(drl("allowed.drl", HEADER + """
                import io.claimpilot.decision.DecisionAction
                import java.time.Duration
                import java.time.temporal.ChronoUnit
                import java.util.List

                function String shout(String reason) {
                    return reason.toUpperCase() + "!";
                }

                rule "Values, helpers, a function, an accumulate and the claim's own time"
                when
                    $facts : ClaimFacts( reason == "DAMAGED", $amount : claimedAmount, $now : now, $at : claimedAt )
                    $count : Number( intValue >= 0 ) from accumulate( ClaimFacts.ItemFact( $q : quantity ) from $facts.items(), sum($q) )
                then
                    long minutes = Duration.between($at, $now).toMinutes() + ChronoUnit.DAYS.getDuration().toMinutes();
                    List<String> parts = List.of(String.valueOf(Math.max(1, $count.intValue())), shout($facts.reason()), $amount.divide(new BigDecimal("2"), 2, java.math.RoundingMode.HALF_UP).toPlainString());
                    outcome.decide(DecisionAction.HUMAN_REVIEW);
                    outcome.explain(String.join(" ", parts) + " " + (minutes >= 0) + " " + $facts.now().isAfter($at));
                end
                """))));

        assertThat(policy.evaluate(TestFacts.claim("DAMAGED").amount("30.00").item("MUG-01", 2, 5).build()).rulesFired())
                .containsExactly("Values, helpers, a function, an accumulate and the claim's own time");
    }

    @Test
    void theServicesOwnRulesAndAVersionStoredBefore10PassTheCheck() {
        assertThat(new PolicyCompiler().compile(PolicySource.fromDirectory(Path.of("rules"))).ruleNames()).isNotEmpty();
        assertThat(new PolicyCompiler().compile(PolicySource.fromDirectory(Path.of("src/test/resources/policy-versions/stored-before-10")))
                .ruleNames()).contains("Stored before #10: a claim of exactly 43.21 goes to a person");
    }

    @Test
    void withTheStaticCheckOffTheClassLoaderStillRefusesAFile() {
        List<PolicyProblem> problems = problemsOf(PolicyCompiler.withoutStaticCheck(), drl("file.drl", HEADER + """
                rule "Reads a file"
                when
                    ClaimFacts()
                then
                    outcome.escalate("exists: " + new java.io.File("/etc/passwd").exists());
                end
                """));

        assertThat(problems).anySatisfy(problem -> assertThat(problem.message()).contains("java.io.File cannot be resolved"));
    }

    @Test
    void withTheStaticCheckOffTheClassLoaderStillRefusesSocketsFilesAndReflection() {
        for (String escape : List.of("java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))",
                "new java.net.Socket(\"127.0.0.1\", 5432).isConnected()",
                "outcome.getClass().getClassLoader()",
                "io.quarkus.arc.Arc.container().isRunning()",
                "java.lang.Thread.currentThread().getName()")) {
            List<PolicyProblem> problems = problemsOf(PolicyCompiler.withoutStaticCheck(), drl("escape.drl", HEADER + """
                    rule "Escapes"
                    when
                        ClaimFacts()
                    then
                        outcome.escalate("" + %s);
                    end
                    """.formatted(escape)));

            assertThat(problems).as(escape).anySatisfy(problem -> assertThat(problem.message())
                    .containsAnyOf("cannot be resolved", "refers to the missing type"));
        }
    }

    @Test
    void theClassLoaderStillLetsTheShippedPolicyDecide() {
        CompiledPolicy policy = PolicyCompiler.withoutStaticCheck().compile(PolicySource.fromDirectory(Path.of("rules")));

        assertThat(policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("40.00").currency("EUR")
                .fulfillment("UNFULFILLED").build()).action()).isEqualTo(DecisionAction.REFUND);
    }

    /** Escapes that link against visible types: Class itself, Drools' helper, MVEL's own names. Static check off. */
    @Test
    void withTheStaticCheckOffTheCompiledCodeCheckRefusesReflectionByNameAndTheEngineItself() {
        Map<String, String> escapes = Map.of(
                "outcome.escalate(\"loaded \" + Class.forName(\"java.io.File\").getName());", "calls Class.forName() (reflection)",
                "outcome.escalate(\"globals \" + drools.getKieRuntime().getGlobals());",
                "reaches into the rule engine (org.drools.core.rule.consequence.KnowledgeHelper.getKieRuntime)");
        escapes.forEach((consequence, refusal) -> {
            List<PolicyProblem> problems = problemsOf(PolicyCompiler.withoutStaticCheck(), drl("escape.drl", HEADER + """
                    rule "Escapes"
                    when
                        ClaimFacts()
                    then
                        %s
                    end
                    """.formatted(consequence)));

            assertThat(problems).as(consequence).anySatisfy(problem -> {
                assertThat(problem.file()).isEqualTo("escape.drl");
                assertThat(problem.line()).isEqualTo(8);
                assertThat(problem.message()).isEqualTo("Rule 'Escapes' " + refusal
                        + ": a policy can only read the claim's facts and call outcome.");
            });
        });
    }

    @Test
    void withTheStaticCheckOffAConditionCannotNameSystemThroughMvel() {
        for (String condition : List.of("reason != System.getProperty(\"user.name\")", "reason != Runtime.getRuntime().toString()",
                "reason != java.lang.System.getenv(\"HOME\")")) {
            List<PolicyProblem> problems = problemsOf(PolicyCompiler.withoutStaticCheck(), drl("condition.drl", HEADER + """
                    rule "Reads the machine in a condition"
                    when
                        ClaimFacts( %s )
                    then
                        outcome.escalate("ran");
                    end
                    """.formatted(condition)));

            assertThat(problems).as(condition).anySatisfy(problem -> assertThat(problem.message()).contains("is not a fact of a claim"));
        }
    }

    @Test
    void loopsAndRecursionAreRefusedWhereTheyAreWritten() {
        List<PolicyProblem> problems = problemsOf(new PolicyCompiler(), drl("loops.drl", HEADER + """
                function int ping(int n) {
                    return n <= 0 ? 0 : pong(n - 1);
                }

                function int pong(int n) {
                    return ping(n);
                }

                rule "Spins"
                when
                    $claim : ClaimFacts()
                then
                    int n = 0;
                    while (n >= 0) { n = n + 0; }
                    for (int i = 0; i < 10; i++) { n = n + ping(i); }
                    do { n--; } while (n > 0);
                    outcome.escalate("never " + n);
                end
                """));

        assertThat(problems).extracting(PolicyProblem::line, PolicyProblem::message).contains(
                org.assertj.core.groups.Tuple.tuple(8, "Line 8 declares the function ping, which calls itself through pong"
                        + " (recursion could run for ever): a policy can only read the claim's facts and call outcome."),
                org.assertj.core.groups.Tuple.tuple(12, "Line 12 declares the function pong, which calls itself through ping"
                        + " (recursion could run for ever): a policy can only read the claim's facts and call outcome."),
                org.assertj.core.groups.Tuple.tuple(21, "Line 21 loops with 'while', which could run for ever (to go over a claim's"
                        + " items, use from or accumulate in the conditions): a policy can only read the claim's facts and call outcome."),
                org.assertj.core.groups.Tuple.tuple(22, "Line 22 loops with 'for', which could run for ever (to go over a claim's"
                        + " items, use from or accumulate in the conditions): a policy can only read the claim's facts and call outcome."),
                org.assertj.core.groups.Tuple.tuple(23, "Line 23 loops with 'do', which could run for ever (to go over a claim's"
                        + " items, use from or accumulate in the conditions): a policy can only read the claim's facts and call outcome."));
    }

    @Test
    void withTheStaticCheckOffLoopsAndRecursionStillDoNotCompile() {
        List<PolicyProblem> loop = problemsOf(PolicyCompiler.withoutStaticCheck(), drl("spins.drl", HEADER + """
                rule "Spins"
                when
                    ClaimFacts()
                then
                    int n = 0;
                    while (n >= 0) { n = n + 0; }
                    outcome.escalate("never");
                end
                """));
        List<PolicyProblem> recursion = problemsOf(PolicyCompiler.withoutStaticCheck(),
                LoopingPolicies.file("looping.drl", LoopingPolicies.RECURSION));

        assertThat(loop).anySatisfy(problem -> assertThat(problem.message())
                .startsWith("Rule 'Spins' loops (a for, while or do loop), which could run for ever"));
        assertThat(recursion).anySatisfy(problem -> assertThat(problem.message())
                .startsWith("Function 'depth' calls itself (recursion), which could run for ever"));
    }

    @Test
    void theCompiledCodeCheckLetsEveryKindOfAllowedRuleCodeThrough() {
        CompiledPolicy policy = new PolicyCompiler().compile(new PolicySource(List.of(drl("allowed.drl", HEADER + """
                import java.util.List

                function BigDecimal capped(BigDecimal amount, BigDecimal cap) {
                    return amount.min(cap);
                }

                rule "Every construct a policy may use"
                    salience 10
                    no-loop true
                when
                    $claim : ClaimFacts( $amount : claimedAmount, $items : items )
                    eval( capped($amount, new BigDecimal("10")).signum() >= 0 )
                    $item : ClaimFacts.ItemFact( quantity > 0 ) from $items
                    $count : Number( intValue >= 1 ) from accumulate( $i : ClaimFacts.ItemFact() from $items, count( $i ) )
                    $skus : List() from accumulate( ClaimFacts.ItemFact( $sku : sku ) from $items, collectList( $sku ) )
                    not ClaimFacts( claimedAmount < 0 )
                then
                    outcome.escalate("items " + $count + " " + $skus.size() + " " + Math.max(1, 2) + " " + $item.sku());
                    modify($claim) { claimedAmount() }
                end
                """))));

        assertThat(policy.evaluate(TestFacts.claim("DAMAGED").amount("40.00").currency("EUR")
                .item("MUG-1", 1, 5).build()).reasons())
                .anySatisfy(reason -> assertThat(reason).startsWith("items 1 1 2"));
    }
}
