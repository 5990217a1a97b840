package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.facts.ClaimFacts;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The static check every rule file passes before anything of it is compiled or run: a policy reads the claim's facts,
 * computes with plain values, and calls {@code outcome}; nothing else. Deny by default: every type-looking name, fully
 * qualified name and unknown identifier in the DRL (including the DRL generated from a table's cells) must be on the
 * list below. Imports, globals, attributes and declarations are read from Drools' own parser; expressions (conditions,
 * eval, from, accumulate, consequences, function bodies) are read by a small Java-like tokenizer, so a name is refused
 * wherever it is written. What this check misses cannot link either: {@link PolicyClassLoader} is the second wall.
 */
final class PolicySandbox {

    /** The facts the service inserts into a session, and what they carry: a policy may match and read these. */
    static final Set<Class<?>> FACT_TYPES = Set.of(ClaimFacts.class, ClaimFacts.ItemFact.class);

    /**
     * Every type a policy may name. Values and pure helpers only: nothing here reads the environment, the clock (see
     * {@link #DENIED_MEMBERS}), files, threads or class loaders.
     */
    static final Map<String, Class<?>> ALLOWED_TYPES = Stream.of(
            ClaimFacts.class, ClaimFacts.ItemFact.class,
            PolicyOutcome.class, DecisionAction.class, // the global rules write to, and the actions they propose
            String.class, Math.class, Integer.class, Long.class, Double.class, Boolean.class, Short.class, Byte.class,
            Float.class, Character.class, Number.class,
            BigDecimal.class, BigInteger.class,
            RoundingMode.class, // BigDecimal.setScale needs it to round an amount: an enum of rounding rules, nothing more
            Duration.class, Instant.class, LocalDate.class, ChronoUnit.class,
            List.class, Set.class, Map.class, Collection.class)
            .collect(Collectors.toUnmodifiableMap(Class::getName, type -> type));

    /**
     * Members refused on any value: reflection, system properties read through the boxed types, the clock and chance
     * (a policy's decision must depend only on the facts), and changes to a fact's collections (read access only).
     */
    private static final Map<String, String> DENIED_MEMBERS = deniedMembers();

    private static Map<String, String> deniedMembers() {
        Map<String, String> denied = new LinkedHashMap<>();
        for (String reflection : List.of("getClass", "getDeclaringClass", "getClassLoader", "forName", "class", "newInstance",
                "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields",
                "getDeclaredField", "getDeclaredFields", "getConstructor", "getDeclaredConstructor", "invoke",
                "setAccessible", "loadClass", "describeConstable")) {
            denied.put(reflection, "reflection");
        }
        for (String property : List.of("getInteger", "getLong", "getBoolean", "getenv", "getProperty", "exit", "exec",
                "wait", "notify", "notifyAll", "finalize")) {
            denied.put(property, "the machine, not the claim");
        }
        denied.put("now", "the clock: the claim's time is the fact 'now'");
        denied.put("random", "chance: the same claim must always get the same decision");
        for (String change : List.of("add", "addAll", "remove", "removeAll", "removeIf", "retainAll", "clear", "put", "putAll",
                "putIfAbsent", "replaceAll", "compute", "computeIfAbsent", "computeIfPresent", "merge", "sort", "set")) {
            denied.put(change, "a change to a fact: facts are read only");
        }
        return Map.copyOf(denied);
    }

    /** Words of DRL and of plain Java expressions and statements. */
    private static final Set<String> KEYWORDS = Set.of(
            "package", "import", "global", "function", "rule", "query", "when", "then", "end", "attributes",
            "salience", "no", "loop", "lock", "on", "active", "activation", "agenda", "group", "ruleflow", "auto", "focus",
            "dialect", "enabled", "date", "effective", "expires", "extends",
            "not", "exists", "forall", "accumulate", "acc", "collect", "from", "eval", "and", "or", "over", "init",
            "action", "reverse", "result", "in", "matches", "memberOf", "contains", "excludes", "soundslike", "str",
            "entry", "point", "if", "else", "for", "while", "do", "return", "break", "continue", "new", "true", "false",
            "null", "this", "instanceof", "final", "int", "long", "double", "float", "boolean", "char", "byte", "short",
            "void", "var", "switch", "case", "default", "outcome",
            // accumulate functions built into Drools: they add up matched facts
            "sum", "count", "min", "max", "average", "collectList", "collectSet");

    /** Working-memory changes: allowed only on facts (see {@link Tokens#memoryChange}). */
    private static final Set<String> MEMORY_CHANGES = Set.of("insert", "insertLogical", "modify", "update", "delete", "retract");

    /** Attributes that only order or group rules; an expression in them would be run by Drools, so values stay literal. */
    private static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "activation-group",
            "agenda-group", "ruleflow-group", "auto-focus", "enabled", "date-effective", "date-expires", "dialect");

    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jakarta", "jdk", "sun", "com", "org", "io", "net");

    /** Record components and public methods of the facts: bare names a condition can use. */
    private static final Set<String> FACT_MEMBERS = FACT_TYPES.stream().flatMap(type -> Stream.concat(
                    Stream.of(type.getRecordComponents()).map(RecordComponent::getName),
                    Stream.of(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                            .filter(m -> m.getDeclaringClass() == type).map(Method::getName)))
            .collect(Collectors.toUnmodifiableSet());

    /** Properties of the boxed numbers, for a pattern such as {@code Number( intValue > 3 ) from accumulate(...)}. */
    private static final Set<String> NUMBER_PROPERTIES = Set.of("intValue", "longValue", "doubleValue", "floatValue");

    private static final Set<String> SIMPLE_NAMES = ALLOWED_TYPES.values().stream().map(Class::getSimpleName)
            .collect(Collectors.toUnmodifiableSet());

    /** Why a policy is refused: the line of the DRL, the text to look for in a table's cells, and what it does. */
    record Finding(int line, String subject, String what) {
        String message(String where) {
            return where + " " + what + ": a policy can only read the claim's facts and call outcome.";
        }
    }

    private PolicySandbox() {
    }

    /** Every refusal in one file's DRL, in order of lines; empty when the file only reads facts and calls outcome. */
    static List<Finding> check(String drl) {
        List<Finding> findings = new ArrayList<>();
        int escape = drl.indexOf("\\u");
        if (escape >= 0) {
            // The Java compiler turns \u0022 into a quote before it reads anything, so escapes could hide code from this check.
            findings.add(new Finding(lineAt(drl, escape), "\\u", "writes a \\u escape (type the character itself)"));
            return findings;
        }
        PackageDescr pkg = parse(drl);
        // A file that does not parse is reported by the compiler, with its line; its names are still checked here.
        Set<String> functions = Set.of();
        if (pkg != null) {
            checkDeclarations(pkg, findings);
            functions = pkg.getFunctions().stream().map(FunctionDescr::getName)
                    .filter(name -> !PACKAGE_ROOTS.contains(name)).collect(Collectors.toSet());
            checkRecursion(pkg.getFunctions(), findings);
        }
        new Tokens(drl, functions, findings).check();
        findings.sort(java.util.Comparator.comparingInt(Finding::line));
        return findings;
    }

    private static PackageDescr parse(String drl) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr pkg = parser.parse(false, drl);
            return parser.hasErrors() ? null : pkg;
        } catch (DroolsParserException | RuntimeException e) {
            return null;
        }
    }

    private static void checkDeclarations(PackageDescr pkg, List<Finding> findings) {
        for (ImportDescr descr : pkg.getImports()) {
            String target = descr.getTarget();
            if (!ALLOWED_TYPES.containsKey(target)) {
                findings.add(new Finding(descr.getLine(), target, "imports " + target));
            }
        }
        pkg.getFunctionImports().forEach(descr -> findings.add(new Finding(descr.getLine(), descr.getTarget(),
                "imports the function " + descr.getTarget())));
        pkg.getAccumulateImports().forEach(descr -> findings.add(new Finding(descr.getLine(), descr.getTarget(),
                "imports the accumulate function " + descr.getTarget())));
        for (GlobalDescr global : pkg.getGlobals()) {
            if (!global.getIdentifier().equals(PolicyCompiler.OUTCOME_GLOBAL) || !global.getType().equals(PolicyOutcome.class.getName())) {
                findings.add(new Finding(global.getLine(), global.getIdentifier(), "declares the global " + global.getIdentifier()
                        + " (" + global.getType() + "); the only global is outcome (" + PolicyOutcome.class.getName() + ")"));
            }
        }
        pkg.getTypeDeclarations().forEach(descr -> findings.add(new Finding(descr.getLine(), descr.getTypeName(),
                "declares the type " + descr.getTypeName() + "; the facts are the service's")));
        pkg.getEnumDeclarations().forEach(descr -> findings.add(new Finding(descr.getLine(), descr.getTypeName(),
                "declares the enum " + descr.getTypeName())));
        pkg.getEntryPointDeclarations().forEach(descr -> findings.add(new Finding(descr.getLine(), descr.getEntryPointId(),
                "declares the entry point " + descr.getEntryPointId())));
        pkg.getWindowDeclarations().forEach(descr -> findings.add(new Finding(descr.getLine(), descr.getName(),
                "declares the window " + descr.getName())));
        if (pkg.getUnit() != null) {
            findings.add(new Finding(pkg.getUnit().getLine(), "unit", "declares a rule unit"));
        }
        checkAttributes(pkg.getAttributes(), findings);
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery()) {
                findings.add(new Finding(rule.getLine(), rule.getName(), "declares the query " + rule.getName()
                        + "; queries are not evaluated for a claim"));
            }
            checkAttributes(rule.getAttributes().values(), findings);
        }
    }

    /**
     * A function that calls itself, directly or through others, could run for ever (or for hours: a doubly recursive
     * one). The time limit cannot stop Java code that does not return to the engine, so recursion is refused.
     */
    private static void checkRecursion(List<FunctionDescr> declared, List<Finding> findings) {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        Map<String, FunctionDescr> byName = new LinkedHashMap<>();
        declared.forEach(function -> byName.put(function.getName(), function));
        for (FunctionDescr function : declared) {
            List<Token> body = Tokens.tokenize(String.valueOf(function.getBody()));
            Set<String> callees = new HashSet<>();
            for (int i = 0; i + 1 < body.size(); i++) {
                boolean member = i > 0 && body.get(i - 1).is(".");
                if (body.get(i).kind() == Kind.WORD && byName.containsKey(body.get(i).text()) && body.get(i + 1).is("(") && !member) {
                    callees.add(body.get(i).text());
                }
            }
            calls.put(function.getName(), callees);
        }
        for (String start : calls.keySet()) {
            List<String> cycle = cycleFrom(start, calls);
            if (!cycle.isEmpty()) {
                String through = cycle.size() == 1 ? "itself" : "itself through " + String.join(", ", cycle.subList(1, cycle.size()));
                findings.add(new Finding(byName.get(start).getLine(), start,
                        "declares the function " + start + ", which calls " + through + " (recursion could run for ever)"));
            }
        }
    }

    /** The shortest path of calls from {@code start} back to it, starting with {@code start}; empty when there is none. */
    private static List<String> cycleFrom(String start, Map<String, Set<String>> calls) {
        java.util.ArrayDeque<List<String>> paths = new java.util.ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> visited = new HashSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String callee : calls.getOrDefault(path.get(path.size() - 1), Set.of())) {
                if (callee.equals(start)) {
                    return path;
                }
                if (visited.add(callee)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(callee);
                    paths.add(longer);
                }
            }
        }
        return List.of();
    }

    private static void checkAttributes(Collection<AttributeDescr> attributes, List<Finding> findings) {
        for (AttributeDescr attribute : attributes) {
            String name = attribute.getName();
            String value = attribute.getValue() == null ? "" : attribute.getValue().strip().replace("\"", "");
            if (!ATTRIBUTES.contains(name)) {
                findings.add(new Finding(attribute.getLine(), name, "sets '" + name + "', which a policy cannot use"));
            } else if (name.equals("dialect") && !value.equals("java")) {
                // MVEL evaluates text at run time and resolves System and Runtime by itself: it cannot be checked this way.
                findings.add(new Finding(attribute.getLine(), "dialect", "uses the '" + value + "' dialect; rules are written in the java dialect"));
            } else if (name.equals("salience") && !value.matches("-?\\d{1,9}")) {
                findings.add(new Finding(attribute.getLine(), "salience", "computes its salience (" + value + "); write a whole number"));
            } else if (name.equals("enabled") && !value.matches("(?i)true|false")) {
                findings.add(new Finding(attribute.getLine(), "enabled", "computes 'enabled' (" + value + "); write true or false"));
            }
        }
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }

    private enum Kind { WORD, NUMBER, TEXT, SYMBOL }

    private record Token(Kind kind, String text, int line) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol) || kind == Kind.WORD && text.equals(symbol);
        }
    }

    /**
     * The whole file, cut into Java-like tokens (comments and quoted text removed, as the Java compiler reads them), then
     * read name by name. Declarations at the top (package, import, global) are left to the parser's descriptions above.
     */
    private static final class Tokens {

        private final List<Token> tokens;
        private final Set<String> functions;
        private final List<Finding> findings;
        private final Set<String> locals = new HashSet<>();

        Tokens(String drl, Set<String> functions, List<Finding> findings) {
            this.tokens = tokenize(drl);
            this.functions = functions;
            this.findings = findings;
        }

        void check() {
            collectLocals();
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.kind() != Kind.WORD) {
                    continue;
                }
                if ((token.is("package") || token.is("import") || token.is("global")) && isStatementStart(i)) {
                    i = skipDeclaration(i);
                    continue;
                }
                if (token.is("while") || token.is("for") && next(i, 1).is("(") || token.is("do") && next(i, 1).is("{")) {
                    // The time limit is checked between rule firings: Java code that never returns to the engine escapes it.
                    refuse(token, token.text(), "loops with '" + token.text() + "', which could run for ever (to go over a"
                            + " claim's items, use from or accumulate in the conditions)");
                    continue;
                }
                Token previous = i > 0 ? tokens.get(i - 1) : null;
                if (previous != null && (previous.is(".") || previous.is("::"))) {
                    String why = DENIED_MEMBERS.get(token.text());
                    // now() of a type is the clock; now of a fact is the claim's time, which a policy reads
                    boolean factTime = token.text().equals("now") && (i < 2 || !tokens.get(i - 2).text().matches("[A-Z].*"));
                    if (why != null && !factTime) {
                        refuse(token, token.text(), (token.text().equals("class") ? "uses ." : "calls ")
                                + token.text() + (token.text().equals("class") ? "" : "()") + ", which is " + why);
                    }
                    continue;
                }
                i = name(i);
            }
        }

        /** One name not after a dot: the start of a chain such as {@code java.io.File} or {@code $amount.max}. */
        private int name(int i) {
            Token token = tokens.get(i);
            String word = token.text();
            if (MEMORY_CHANGES.contains(word) && next(i, 1).is("(")) {
                memoryChange(i);
                return i;
            }
            if (DENIED_MEMBERS.containsKey(word) && next(i, 1).is("(") && !FACT_MEMBERS.contains(word)) {
                refuse(token, word, "calls " + word + "(), which is " + DENIED_MEMBERS.get(word));
                return i;
            }
            // A function is known only where it is called: unlike a variable, a method does not hide a package name.
            boolean called = functions.contains(word) && next(i, 1).is("(");
            if (word.startsWith("$") || KEYWORDS.contains(word) || FACT_MEMBERS.contains(word) || NUMBER_PROPERTIES.contains(word) || called
                    || locals.contains(word) || SIMPLE_NAMES.contains(word)) {
                return i;
            }
            // A qualified name: words joined by dots, up to the first capitalised one (the type).
            StringBuilder qualified = new StringBuilder(word);
            int last = i;
            while (!Character.isUpperCase(tokens.get(last).text().charAt(0)) && next(last, 1).is(".")
                    && next(last, 2).kind() == Kind.WORD) {
                last += 2;
                qualified.append('.').append(tokens.get(last).text());
            }
            String type = qualified.toString();
            if (ALLOWED_TYPES.containsKey(type)) {
                return last;
            }
            boolean typeLike = Character.isUpperCase(tokens.get(last).text().charAt(0));
            boolean created = i > 0 && tokens.get(i - 1).is("new");
            Token member = next(last, 1).is(".") ? next(last, 2) : null;
            String what;
            if (!typeLike) {
                what = "uses '" + word + "', which is not a fact, a bound variable or a type a policy can use";
            } else if (created) {
                what = "creates a " + type;
            } else if (member != null && member.kind() == Kind.WORD && next(last, 3).is("(")) {
                what = "calls " + type + "." + member.text();
            } else {
                what = "uses " + type;
            }
            String subject = member != null && member.kind() == Kind.WORD && !created ? type + "." + member.text() : type;
            refuse(token, subject, what);
            // The member called on a refused type is part of this refusal, not another one.
            return !typeLike ? i : member != null && member.kind() == Kind.WORD ? last + 2 : last;
        }

        /** insert(new ClaimFacts(...)), modify($fact), delete($fact): only facts go in or out of the session. */
        private void memoryChange(int i) {
            Token word = tokens.get(i);
            Token argument = next(i, 2);
            boolean ok = word.text().startsWith("insert")
                    ? argument.is("new") && FACT_TYPES.stream().anyMatch(t -> t.getSimpleName().equals(next(i, 3).text())
                            || t.getName().equals(next(i, 3).text()))
                    : argument.kind() == Kind.WORD && argument.text().startsWith("$") && (next(i, 3).is(")"));
            if (!ok) {
                refuse(word, word.text(), word.text().startsWith("insert")
                        ? "inserts something that is not a claim fact" : "calls " + word.text() + " on something that is not a bound fact");
            }
        }

        /** Names declared in the file: after a type ({@code String why =}), bindings ({@code $a : amount}), lambda parameters. */
        private void collectLocals() {
            for (int i = 1; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                // A type is never a variable here, so "System" stays a type whatever a ternary or binding looks like.
                if (token.kind() != Kind.WORD || PACKAGE_ROOTS.contains(token.text()) || KEYWORDS.contains(token.text())
                        || Character.isUpperCase(token.text().charAt(0))) {
                    continue;
                }
                Token previous = tokens.get(i - 1);
                boolean afterType = previous.kind() == Kind.WORD && (SIMPLE_NAMES.contains(previous.text())
                        || ALLOWED_TYPES.containsKey(previous.text())
                        || Set.of("int", "long", "double", "float", "boolean", "char", "byte", "short", "var").contains(previous.text()))
                        || previous.is(">") || previous.is("]");
                boolean binding = next(i, 1).is(":") || next(i, 1).is("->");
                if (afterType || binding) {
                    locals.add(token.text());
                }
            }
        }

        private boolean isStatementStart(int i) {
            return i == 0 || tokens.get(i - 1).is(";") || tokens.get(i - 1).line() < tokens.get(i).line();
        }

        /** Skips {@code package a.b}, {@code import a.b.C} and {@code global a.b.C name}: checked from the parser's descriptions. */
        private int skipDeclaration(int i) {
            int line = tokens.get(i).line();
            int j = i;
            while (j + 1 < tokens.size() && tokens.get(j + 1).line() == line && !tokens.get(j + 1).is(";")) {
                j++;
            }
            return j;
        }

        private Token next(int i, int ahead) {
            int at = i + ahead;
            return at < tokens.size() ? tokens.get(at) : new Token(Kind.SYMBOL, "", Integer.MAX_VALUE);
        }

        private void refuse(Token token, String subject, String what) {
            Finding finding = new Finding(token.line(), subject, what);
            if (findings.stream().noneMatch(f -> f.line() == finding.line() && f.what().equals(finding.what()))) {
                findings.add(finding);
            }
        }

        private static List<Token> tokenize(String text) {
            List<Token> tokens = new ArrayList<>();
            int line = 1;
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (text.startsWith("//", i)) {
                    while (i < n && text.charAt(i) != '\n') i++;
                } else if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    line += count(text, i, end);
                    i = end;
                } else if (text.startsWith("\"\"\"", i)) {
                    int end = text.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? n : end + 3;
                    tokens.add(new Token(Kind.TEXT, "", line));
                    line += count(text, i, end);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                        j += text.charAt(j) == '\\' ? 2 : 1;
                    }
                    tokens.add(new Token(Kind.TEXT, text.substring(i, Math.min(n, j + 1)), line));
                    i = j + 1;
                } else if (Character.isJavaIdentifierStart(c)) {
                    int j = i + 1;
                    while (j < n && Character.isJavaIdentifierPart(text.charAt(j))) j++;
                    tokens.add(new Token(Kind.WORD, text.substring(i, j), line));
                    i = j;
                } else if (Character.isDigit(c)) {
                    int j = i + 1;
                    while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                            || text.charAt(j) == '.' && j + 1 < n && Character.isDigit(text.charAt(j + 1)))) j++;
                    tokens.add(new Token(Kind.NUMBER, text.substring(i, j), line));
                    i = j;
                } else if (text.startsWith("::", i) || text.startsWith("->", i)) {
                    tokens.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), line));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                    i++;
                }
            }
            return tokens;
        }

        private static int count(String text, int from, int to) {
            int lines = 0;
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == '\n') lines++;
            }
            return lines;
        }
    }
}
