package io.claimpilot;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, checked on every build. A claim flows intake → facts → policy → money limits → decision →
 * outbox → connectors, and dependencies point one way:
 * <ol>
 *   <li>entry points (REST resources in {@code api}, console pages, webhooks, the command line) call the flow;</li>
 *   <li>the flow ({@code flow}) calls the domain (claim, facts, policy, decision, limits, review, messages ...);</li>
 *   <li>the domain calls {@code common}; the outbox knows only {@code common} and stores typed actions that
 *       connectors, which implement its executor port and the domain's ports, carry out.</li>
 * </ol>
 */
@AnalyzeClasses(packages = "io.claimpilot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {"io.claimpilot.accounting..", "io.claimpilot.action..", "io.claimpilot.blocklist..", "io.claimpilot.claim..", "io.claimpilot.claimlink..",
            "io.claimpilot.decision..", "io.claimpilot.event..", "io.claimpilot.facts..", "io.claimpilot.feedback..", "io.claimpilot.kpi..",
            "io.claimpilot.limits..", "io.claimpilot.message..", "io.claimpilot.photo..",
            "io.claimpilot.policy..", "io.claimpilot.privacy..", "io.claimpilot.review..", "io.claimpilot.security..",
            "io.claimpilot.shadow..", "io.claimpilot.stock.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.claimpilot.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule dependenciesPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry points").definedBy("io.claimpilot", "io.claimpilot.api..", "io.claimpilot.claimform..", "io.claimpilot.console..",
                    "io.claimpilot.webhook..", "io.claimpilot.metrics..")
            .layer("Flow").definedBy("io.claimpilot.flow..")
            .layer("Connectors").definedBy("io.claimpilot.connector..")
            .layer("Domain").definedBy(DOMAIN)
            .layer("Outbox").definedBy("io.claimpilot.outbox..")
            .layer("Common").definedBy("io.claimpilot.common..", "io.claimpilot.db..")
            .whereLayer("Entry points").mayNotBeAccessedByAnyLayer()
            .whereLayer("Flow").mayOnlyBeAccessedByLayers("Entry points")
            .whereLayer("Connectors").mayOnlyBeAccessedByLayers("Entry points")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Entry points", "Flow", "Connectors")
            .whereLayer("Outbox").mayOnlyBeAccessedByLayers("Entry points", "Flow", "Connectors", "Domain");

    @ArchTest
    static final ArchRule commonDependsOnNothingAboveIt = noClasses()
            .that().resideInAnyPackage("io.claimpilot.common..", "io.claimpilot.db..")
            .should().dependOnClassesThat(ours().and(resideOutsideOfPackages("io.claimpilot.common..", "io.claimpilot.db..")));

    @ArchTest
    static final ArchRule theOutboxKnowsNothingOfClaimsMessagesOrWebhooks = noClasses()
            .that().resideInAPackage("io.claimpilot.outbox..")
            .should().dependOnClassesThat(ours().and(resideOutsideOfPackages("io.claimpilot.outbox..",
                    "io.claimpilot.common..", "io.claimpilot.db..")));

    private static DescribedPredicate<JavaClass> ours() {
        return resideInAPackage("io.claimpilot..");
    }
}
