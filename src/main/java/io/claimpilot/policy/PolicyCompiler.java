package io.claimpilot.policy;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.parser.DataListener;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.drl.ast.descr.PackageDescr;
import org.apache.poi.ss.usermodel.Workbook;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a policy version into a shared {@link KieBase}. Decision tables are first turned into DRL here,
 * so a compile error in generated DRL can be traced back to the sheet cell that produced it.
 * No KieContainer or KieRepository is involved: an old KieBase is released as soon as nothing references it.
 */
public final class PolicyCompiler {

    /** The global every rule file writes its decision to. */
    public static final String OUTCOME_GLOBAL = "outcome";

    private static final Pattern RULE_VALUES_AT = Pattern.compile("//\\s*rule values at ([A-Z]+[0-9]+)");

    private final boolean primitiveAmounts;
    private final boolean staticCheck;
    private final boolean runTimeWall;

    public PolicyCompiler() {
        this(true);
    }

    /** {@code primitiveAmounts = false} keeps tables' amount conditions as BigDecimal comparisons: the benchmarks' "before". */
    PolicyCompiler(boolean primitiveAmounts) {
        this(primitiveAmounts, true);
    }

    private PolicyCompiler(boolean primitiveAmounts, boolean staticCheck) {
        this(primitiveAmounts, staticCheck, true);
    }

    private PolicyCompiler(boolean primitiveAmounts, boolean staticCheck, boolean runTimeWall) {
        this.primitiveAmounts = primitiveAmounts;
        this.staticCheck = staticCheck;
        this.runTimeWall = runTimeWall;
    }

    /** For tests only: proves that the run-time wall alone stops what the static check would have refused. */
    static PolicyCompiler withoutStaticCheck() {
        return new PolicyCompiler(true, false, true);
    }

    /**
     * For tests only: no check of the compiled code either (the class loader still applies), to force into the engine
     * what both checks refuse, such as a recursive function, and show what the engine survives.
     */
    static PolicyCompiler withoutCodeChecks() {
        return new PolicyCompiler(true, false, false);
    }

    public CompiledPolicy compile(PolicySource source) {
        List<PolicyFile> ruleFiles = source.ruleFiles();
        if (ruleFiles.isEmpty()) {
            throw new PolicyCompilationException(List.of(PolicyProblem.error(null, "The policy has no rule files")));
        }
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, GeneratedDrl> drlByFile = new LinkedHashMap<>();
        for (PolicyFile file : ruleFiles) {
            GeneratedDrl drl = toDrl(file, problems, primitiveAmounts);
            if (drl != null) {
                drlByFile.put(file.name(), drl);
            }
        }
        if (staticCheck) {
            // Before anything is compiled: a refused file never reaches the KnowledgeBuilder, let alone a scenario.
            List<PolicyProblem> refused = new ArrayList<>();
            drlByFile.forEach((name, drl) -> refused.addAll(refusals(name, drl)));
            if (!refused.isEmpty()) {
                problems.addAll(refused);
                throw new PolicyCompilationException(problems);
            }
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(builderConfiguration());
        drlByFile.forEach((name, drl) -> builder.add(resource(name, drl.text()), ResourceType.DRL));
        for (KnowledgeBuilderError error : builder.getErrors()) {
            problems.add(locate(error, drlByFile));
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(problems);
        }
        if (runTimeWall) {
            // Before the KieBase exists, and so before any compiled rule code can run.
            problems.addAll(compiledCodeRefusals(builder, drlByFile));
            if (!problems.isEmpty()) {
                throw new PolicyCompilationException(problems);
            }
        }
        problems.addAll(rulesThatDecideNothing(builder, drlByFile));
        KieBase kieBase = builder.newKieBase();
        Map<String, List<String>> rulesByFile = rulesByFile(kieBase, drlByFile.keySet());
        rulesByFile.forEach((file, rules) -> {
            if (rules.isEmpty()) {
                problems.add(PolicyProblem.error(file, "This file contributes no rules"));
            }
        });
        problems.addAll(namesUsedInTwoFiles(rulesByFile));
        if (kieBase.getKiePackages().stream().noneMatch(pkg -> pkg.getGlobalVariables().stream()
                .anyMatch(global -> global.getName().equals(OUTCOME_GLOBAL)))) {
            problems.add(PolicyProblem.error(null,
                    "No file declares the global 'outcome' (io.claimpilot.decision.PolicyOutcome) that rules decide with"));
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(problems);
        }
        return new CompiledPolicy(source.hash(), source.fileNames(), rulesByFile, kieBase,
                drlByFile.values().stream().flatMap(drl -> drl.parameters().stream()).toList());
    }

    /** Rule names are what agents read: two files must not use the same one, even in different packages. */
    private static List<PolicyProblem> namesUsedInTwoFiles(Map<String, List<String>> rulesByFile) {
        Map<String, String> fileByName = new java.util.HashMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        rulesByFile.forEach((file, rules) -> rules.forEach(rule -> {
            String other = fileByName.putIfAbsent(rule, file);
            if (other != null && !other.equals(file)) {
                problems.add(PolicyProblem.error(file, "The rule name '" + rule + "' is also used in " + other
                        + "; every rule needs its own name"));
            }
        }));
        return problems;
    }

    /**
     * Every rule must decide or escalate; a rule that only explains, or does nothing, is a mistake. Checked on the rule
     * descriptions the KnowledgeBuilder parsed, rather than parsing the DRL a second time.
     */
    private static List<PolicyProblem> rulesThatDecideNothing(KnowledgeBuilder builder, Map<String, GeneratedDrl> drlByFile) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (KiePackage kiePackage : builder.getKnowledgePackages()) {
            List<PackageDescr> parsed = ((KnowledgeBuilderImpl) builder).getPackageDescrs(kiePackage.getName());
            for (PackageDescr pkg : parsed == null ? List.<PackageDescr>of() : parsed) {
                for (RuleDescr rule : pkg.getRules()) {
                    String file = rule.getResource() == null ? null : rule.getResource().getSourcePath();
                    GeneratedDrl drl = file == null ? null : drlByFile.get(file);
                    String consequence = String.valueOf(rule.getConsequence());
                    if (drl != null && !consequence.contains("outcome.decide(") && !consequence.contains("outcome.escalate(")) {
                        problems.add(decidesNothing(file, drl, rule));
                    }
                }
            }
        }
        return problems;
    }

    /** The compiled classes of every package, read by {@link CompiledRuleCheck}; each finding located at its rule or function. */
    private static List<PolicyProblem> compiledCodeRefusals(KnowledgeBuilder builder, Map<String, GeneratedDrl> drlByFile) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (KiePackage kiePackage : builder.getKnowledgePackages()) {
            Object data = ((InternalKnowledgePackage) kiePackage).getDialectRuntimeRegistry().getDialectData("java");
            if (!(data instanceof JavaDialectRuntimeData java)) {
                continue;
            }
            List<PackageDescr> parsed = ((KnowledgeBuilderImpl) builder).getPackageDescrs(kiePackage.getName());
            for (CompiledRuleCheck.Finding finding : CompiledRuleCheck.check(java.getStore())) {
                problems.add(locateCompiled(finding, parsed == null ? List.of() : parsed, drlByFile));
            }
        }
        return problems;
    }

    /** Drools names a rule's classes Rule_ + the name (space as _, other signs as $uNN$) + a hash, a function's by its name. */
    private static PolicyProblem locateCompiled(CompiledRuleCheck.Finding finding, List<PackageDescr> parsed, Map<String, GeneratedDrl> drlByFile) {
        String simpleName = finding.className().substring(finding.className().lastIndexOf('.') + 1);
        for (PackageDescr pkg : parsed) {
            for (RuleDescr rule : pkg.getRules()) {
                String prefix = "Rule_" + classNamePart(rule.getName());
                if (simpleName.startsWith(prefix) && simpleName.length() > prefix.length()
                        && (Character.isDigit(simpleName.charAt(prefix.length())) || simpleName.charAt(prefix.length()) == '-')) {
                    String file = rule.getResource() == null ? null : rule.getResource().getSourcePath();
                    String message = "Rule '" + rule.getName() + "' " + finding.what()
                            + ": a policy can only read the claim's facts and call outcome.";
                    GeneratedDrl drl = file == null ? null : drlByFile.get(file);
                    return drl != null && isTable(file)
                            ? new PolicyProblem(file, drl.sheet(), drl.cellBefore(rule.getLine()), null, PolicyProblem.Severity.ERROR, message)
                            : new PolicyProblem(file, null, null, rule.getLine(), PolicyProblem.Severity.ERROR, message);
                }
            }
            for (FunctionDescr function : pkg.getFunctions()) {
                if (simpleName.equalsIgnoreCase(function.getName())) {
                    String file = function.getResource() == null ? null : function.getResource().getSourcePath();
                    return new PolicyProblem(file, null, null, function.getLine(), PolicyProblem.Severity.ERROR,
                            "Function '" + function.getName() + "' " + finding.what() + ": a policy can only read the claim's facts and call outcome.");
                }
            }
        }
        return PolicyProblem.error(null, "Compiled rule code (" + simpleName + ") " + finding.what()
                + ": a policy can only read the claim's facts and call outcome.");
    }

    private static String classNamePart(String ruleName) {
        StringBuilder part = new StringBuilder();
        ruleName.codePoints().forEach(c -> {
            if (c == ' ') {
                part.append('_');
            } else if (Character.isJavaIdentifierPart(c)) {
                part.appendCodePoint(c);
            } else {
                part.append("$u").append(c).append('$');
            }
        });
        return part.toString();
    }

    private static PolicyProblem decidesNothing(String file, GeneratedDrl drl, RuleDescr rule) {
        String message = drl.sheet() == null && !isTable(file)
                ? "Rule '" + rule.getName() + "' sets no decision: its 'then' part must call outcome.decide(...) or outcome.escalate(...)"
                : "Row '" + rule.getName() + "' sets no decision: fill in its Action cell";
        return isTable(file)
                ? new PolicyProblem(file, drl.sheet(), drl.cellBefore(rule.getLine()), null, PolicyProblem.Severity.ERROR, message)
                : new PolicyProblem(file, null, null, rule.getLine(), PolicyProblem.Severity.ERROR, message);
    }

    private static KnowledgeBuilderConfiguration builderConfiguration() {
        Properties properties = new Properties();
        // By default a second rule with the same name silently replaces the first.
        properties.setProperty("drools.kbuilder.severity.duplicateRule", ResultSeverity.ERROR.name());
        // Compiled rule code resolves its types through this loader only: see PolicyClassLoader.
        return KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(properties,
                new PolicyClassLoader(PolicyCompiler.class.getClassLoader()));
    }

    /** The static check's findings in one file, located at a DRL line or, for a table, at the cell that holds the text. */
    private static List<PolicyProblem> refusals(String file, GeneratedDrl drl) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicySandbox.Finding finding : PolicySandbox.check(drl.text())) {
            if (drl.grids() == null) {
                problems.add(new PolicyProblem(file, null, null, finding.line(), PolicyProblem.Severity.ERROR,
                        finding.message("Line " + finding.line())));
                continue;
            }
            String[] cell = drl.cellHolding(finding.subject());
            String sheet = cell == null ? drl.sheet() : cell[0];
            String ref = cell == null ? drl.cellBefore(finding.line()) : cell[1];
            problems.add(new PolicyProblem(file, sheet, ref, null, PolicyProblem.Severity.ERROR,
                    finding.message(ref == null ? "The table" : "Cell " + ref)));
        }
        return problems;
    }

    private static GeneratedDrl toDrl(PolicyFile file, List<PolicyProblem> problems, boolean primitiveAmounts) {
        if (!file.isDecisionTable()) {
            return new GeneratedDrl(new String(file.content(), StandardCharsets.UTF_8), null, null, List.of());
        }
        if (file.kind() == PolicyFile.Kind.CSV) {
            try {
                return tableToDrl(file, null, TableGrid.read(file),
                        () -> new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.content()), InputType.CSV), problems,
                        primitiveAmounts);
            } catch (RuntimeException e) {
                problems.add(unreadable(file, null, e));
                return null;
            }
        }
        // The workbook is opened once, for the sheet name, the linter and the DRL: opening it is a good part of the work.
        String sheet = null;
        try (Workbook workbook = TableGrid.open(file)) {
            String ruleSheet = DecisionTableSheets.ruleSheetName(workbook);
            sheet = ruleSheet;
            List<TableGrid> grids = TableGrid.read(workbook);
            int problemsBefore = problems.size();
            List<PolicyParameters.Parameter> parameters = PolicyParameters.read(file, workbook, grids, problems);
            if (problems.size() > problemsBefore) {
                return null;
            }
            GeneratedDrl drl = tableToDrl(file, sheet, grids, () -> {
                DefaultRuleSheetListener listener = new DefaultRuleSheetListener(true, true); // as new SpreadsheetCompiler()
                // By name: the rule sheet need not be the first (a Parameters sheet may come before it).
                new ExcelParser(Map.of(ruleSheet, List.<DataListener>of(listener))).parseWorkbook(workbook);
                return new SpreadsheetCompiler().listenerToString(listener);
            }, problems, primitiveAmounts);
            return drl == null ? null : drl.withParameters(parameters);
        } catch (PolicyCompilationException e) {
            problems.addAll(e.problems());
            return null;
        } catch (IOException | RuntimeException e) {
            problems.add(unreadable(file, sheet, e));
            return null;
        }
    }

    private static GeneratedDrl tableToDrl(PolicyFile file, String sheet, List<TableGrid> grids, Supplier<String> compiler,
                                           List<PolicyProblem> problems, boolean primitiveAmounts) {
        List<PolicyProblem> tableProblems = TableLinter.lint(file, grids);
        if (!tableProblems.isEmpty()) {
            // Compiling a table with these mistakes only adds messages about generated code.
            problems.addAll(tableProblems);
            return null;
        }
        String drl = compiler.get();
        if (!drl.contains("rule \"")) {
            problems.add(new PolicyProblem(file.name(), sheet, null, null, PolicyProblem.Severity.ERROR,
                    "The decision table produced no rules: check the RuleSet and RuleTable keywords and that rows follow the header rows"));
            return null;
        }
        return new GeneratedDrl(primitiveAmounts ? AmountConstraints.rewrite(drl) : drl, sheet, grids, List.of());
    }

    private static PolicyProblem unreadable(PolicyFile file, String sheet, Exception e) {
        return new PolicyProblem(file.name(), sheet, null, null, PolicyProblem.Severity.ERROR,
                "The decision table cannot be read: " + PlainMessages.rootCause(e));
    }

    private static Resource resource(String fileName, String drl) {
        Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(fileName);
        resource.setResourceType(ResourceType.DRL);
        return resource;
    }

    private static PolicyProblem locate(KnowledgeBuilderError error, Map<String, GeneratedDrl> drlByFile) {
        String file = error.getResource() == null ? null : error.getResource().getSourcePath();
        GeneratedDrl drl = file == null ? null : drlByFile.get(file);
        int line = lineOf(error);
        String message = PlainMessages.of(error.getMessage());
        if (drl == null || drl.sheet() == null && !isTable(file)) {
            return new PolicyProblem(file, null, null, line > 0 ? line : null, PolicyProblem.Severity.ERROR, message);
        }
        return new PolicyProblem(file, drl.sheet(), drl.cellBefore(line), null, PolicyProblem.Severity.ERROR, message);
    }

    /** The DRL line of an error; rule build errors carry it on the rule or pattern they concern. */
    private static int lineOf(KnowledgeBuilderError error) {
        int line = error.getLines() != null && error.getLines().length > 0 ? error.getLines()[0] : -1;
        if (line <= 0 && error instanceof DescrBuildError built) {
            if (built.getDescr() != null && built.getDescr().getLine() > 0) {
                line = built.getDescr().getLine();
            } else if (built.getParentDescr() != null) {
                line = built.getParentDescr().getLine();
            }
        }
        return line;
    }

    private static boolean isTable(String fileName) {
        PolicyFile.Kind kind = PolicyFile.kindOf(fileName);
        return kind != null && kind != PolicyFile.Kind.DRL;
    }

    private static Map<String, List<String>> rulesByFile(KieBase kieBase, Iterable<String> files) {
        Map<String, List<String>> rulesByFile = new LinkedHashMap<>();
        files.forEach(file -> rulesByFile.put(file, new ArrayList<>()));
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                Resource resource = ((RuleImpl) rule).getResource();
                String file = resource == null ? "(unknown)" : resource.getSourcePath();
                rulesByFile.computeIfAbsent(file, f -> new ArrayList<>()).add(rule.getName());
            }
        }
        return rulesByFile;
    }


    /** DRL text of one file; for a table, the sheet it came from, its cells and its parameters. */
    private record GeneratedDrl(String text, String sheet, List<TableGrid> grids, List<PolicyParameters.Parameter> parameters) {

        GeneratedDrl withParameters(List<PolicyParameters.Parameter> parameters) {
            return new GeneratedDrl(text, sheet, grids, parameters);
        }

        /** The sheet and reference of the first cell whose text contains {@code subject} (or its first word), or null. */
        String[] cellHolding(String subject) {
            for (String text : new String[]{subject, subject.split("[.(]", 2)[0]}) {
                for (TableGrid grid : grids) {
                    for (int r = 0; r < grid.rowCount(); r++) {
                        for (int c = 0; c < grid.columnCount(r); c++) {
                            if (grid.get(r, c).contains(text)) {
                                return new String[]{grid.sheet == null ? sheet : grid.sheet, TableGrid.ref(r, c)};
                            }
                        }
                    }
                }
            }
            return null;
        }

        /** The cell whose row produced the rule around a generated-DRL line, from the "rule values at B9" comments. */
        String cellBefore(int line) {
            if (line <= 0) {
                return null;
            }
            String[] lines = text.split("\n", -1);
            for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
                Matcher matcher = RULE_VALUES_AT.matcher(lines[i]);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            return null;
        }
    }
}
