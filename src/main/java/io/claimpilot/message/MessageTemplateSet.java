package io.claimpilot.message;

import io.claimpilot.action.MessageSituation;

import io.claimpilot.policy.PolicyProblem;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.WhenSectionHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The customer message templates of a rules folder: {@code messages/<language>/<situation>.txt}, Qute text whose
 * first line is the subject ({@code Objet : …} or {@code Subject: …}). Loading checks every expression of every
 * template against {@link MessageValues#VARIABLES}, so a typo is found when the file is saved, not when a customer
 * should have been told. Plain Java: the offline {@code validate} command and the server load them the same way.
 */
public final class MessageTemplateSet {

    public static final String FOLDER = "messages";
    /** The language used when the customer's has no templates. */
    public static final String FALLBACK_LANGUAGE = "fr";
    public static final MessageTemplateSet EMPTY = new MessageTemplateSet(Map.of());

    private static final Pattern SUBJECT = Pattern.compile("^\\s*(?:subject|objet)\\s*:\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    // Plain-text messages, so no escaping; strict rendering, so nothing unknown ever renders as blank. Only {#if} and
    // {#when}: a message needs no loops or includes, and an analyst's preview cannot loop a million times.
    private static final Engine ENGINE = Engine.builder()
            .addSectionHelper(new IfSectionHelper.Factory())
            .addSectionHelper(new WhenSectionHelper.Factory())
            .addDefaultValueResolvers()
            .strictRendering(true)
            .build();

    private final Map<String, Map<MessageSituation, Template>> byLanguage;

    private MessageTemplateSet(Map<String, Map<MessageSituation, Template>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The templates, and what is wrong with them. Only a set with no error may be used. */
    public record Loaded(MessageTemplateSet templates, List<PolicyProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == PolicyProblem.Severity.ERROR);
        }
    }

    /** {@code acknowledgment.txt}, {@code refund-issued.txt}, ... */
    public static String fileName(MessageSituation situation) {
        return situation.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".txt";
    }

    /** Reads and checks {@code messages/} of a rules folder. A folder without one has no templates (a warning). */
    public static Loaded load(Path rulesFolder) {
        Path messages = rulesFolder.resolve(FOLDER);
        List<PolicyProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(messages)) {
            problems.add(new PolicyProblem(FOLDER + "/", null, null, null, PolicyProblem.Severity.WARNING,
                    "There are no customer message templates: no customer will be written to. Add messages/fr/ "
                            + "(and messages/en/) with one file per situation."));
            return new Loaded(EMPTY, problems);
        }
        Map<String, Map<MessageSituation, Template>> byLanguage = new TreeMap<>();
        for (Path folder : list(messages)) {
            String language = folder.getFileName().toString();
            if (!Files.isDirectory(folder) || language.startsWith(".")) {
                continue;
            }
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add(warning(FOLDER + "/" + language + "/", "'" + language
                        + "' is not a language code such as fr or en; these templates are ignored."));
                continue;
            }
            byLanguage.put(language, loadLanguage(folder, language, problems));
        }
        if (!byLanguage.containsKey(FALLBACK_LANGUAGE)) {
            problems.add(PolicyProblem.error(FOLDER + "/" + FALLBACK_LANGUAGE + "/", "The French templates are missing: "
                    + "they are used for every customer whose language has no templates."));
        }
        return new Loaded(new MessageTemplateSet(byLanguage), problems);
    }

    /**
     * Checks one template's text, as an analyst would save it in {@code file}; the preview uses it for a posted
     * template. Returns the template, or null when it has an error.
     */
    public static Template check(String file, String text, List<PolicyProblem> problems) {
        int before = problems.size();
        if (firstLine(text).map(line -> !SUBJECT.matcher(line).matches()).orElse(true)) {
            problems.add(new PolicyProblem(file, null, null, 1, PolicyProblem.Severity.ERROR,
                    "The first line must be the subject, written 'Objet : …' or 'Subject: …'."));
        }
        Template template;
        try {
            template = ENGINE.parse(text, null, file);
        } catch (TemplateException e) {
            Integer line = e.getOrigin() == null ? null : e.getOrigin().getLine();
            String why = plain(e);
            if (why.startsWith("no section helper found for")) {
                why = why.replace("no section helper found for", "only {#if} and {#when} can be used, not");
            }
            problems.add(new PolicyProblem(file, null, null, line, PolicyProblem.Severity.ERROR,
                    "The template cannot be read: " + why));
            return null;
        }
        for (Expression expression : template.getExpressions()) {
            checkExpression(file, expression, problems);
        }
        return problems.size() == before ? template : null;
    }

    /** The languages with templates. */
    public java.util.Set<String> languages() {
        return byLanguage.keySet();
    }

    public boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    /**
     * Writes the message for a customer: in their language when it has templates, otherwise in French, with
     * amounts and dates as their locale writes them.
     */
    public RenderedMessage render(MessageSituation situation, MessageValues values, String customerLocale) {
        Locale requested = locale(customerLocale);
        String language = byLanguage.containsKey(requested.getLanguage()) ? requested.getLanguage() : FALLBACK_LANGUAGE;
        Map<MessageSituation, Template> templates = byLanguage.get(language);
        if (templates == null || !templates.containsKey(situation)) {
            throw new IllegalStateException("No " + fileName(situation) + " template in messages/" + language + "/");
        }
        Locale locale = language.equals(requested.getLanguage()) ? requested : Locale.forLanguageTag(language);
        return render(templates.get(situation), values, locale, language);
    }

    /** Renders one template (a checked one) with the values, for the preview. */
    public static RenderedMessage render(Template template, MessageValues values, Locale locale, String language) {
        TemplateInstance instance = template.instance();
        values.data(locale).forEach(instance::data);
        return split(language, instance.render());
    }

    static Locale locale(String customerLocale) {
        if (customerLocale == null || customerLocale.isBlank()) {
            return Locale.forLanguageTag(FALLBACK_LANGUAGE);
        }
        Locale locale = Locale.forLanguageTag(customerLocale.strip().replace('_', '-'));
        return locale.getLanguage().isEmpty() ? Locale.forLanguageTag(FALLBACK_LANGUAGE) : locale;
    }

    private static Map<MessageSituation, Template> loadLanguage(Path folder, String language, List<PolicyProblem> problems) {
        Map<MessageSituation, Template> templates = new EnumMap<>(MessageSituation.class);
        for (MessageSituation situation : MessageSituation.values()) {
            String name = FOLDER + "/" + language + "/" + fileName(situation);
            Path file = folder.resolve(fileName(situation));
            if (!Files.isRegularFile(file)) {
                MessageSituation standIn = situation.standIn();
                if (standIn != null && templates.containsKey(standIn)) {
                    templates.put(situation, templates.get(standIn));
                    problems.add(warning(name, "The template for " + situation + " is missing: customers get the "
                            + fileName(standIn) + " text instead. Add " + fileName(situation) + " to write to them in its own words."));
                } else {
                    problems.add(PolicyProblem.error(name, "The template for " + situation + " is missing."));
                }
                continue;
            }
            String text = read(file, name, problems);
            Template template = text == null ? null : check(name, text, problems);
            if (template != null) {
                templates.put(situation, template);
            }
        }
        for (Path file : list(folder)) {
            String fileName = file.getFileName().toString();
            boolean known = Stream.of(MessageSituation.values()).anyMatch(s -> fileName(s).equals(fileName));
            if (!known && Files.isRegularFile(file) && !fileName.startsWith(".") && !fileName.endsWith("~")) {
                problems.add(warning(FOLDER + "/" + language + "/" + fileName, "Not a known situation, so never sent. "
                        + "The files are: " + String.join(", ", Stream.of(MessageSituation.values())
                        .map(MessageTemplateSet::fileName).toList()) + "."));
            }
        }
        return templates;
    }

    private static void checkExpression(String file, Expression expression, List<PolicyProblem> problems) {
        if (expression.isLiteral()) {
            return;
        }
        Integer line = expression.getOrigin() == null ? null : expression.getOrigin().getLine();
        String shown = "{" + expression.toOriginalString() + "}";
        if (expression.hasNamespace()) {
            problems.add(error(file, line, shown + ": '" + expression.getNamespace() + ":' cannot be used in a message."));
            return;
        }
        List<Expression.Part> parts = expression.getParts();
        Expression.Part root = parts.get(0);
        java.util.Set<String> properties = root.isVirtualMethod() ? null : MessageValues.VARIABLES.get(root.getName());
        if (properties == null) {
            problems.add(error(file, line, shown + ": there is no variable '" + root.getName() + "'. Available: "
                    + available() + "."));
            return;
        }
        int next = 1;
        if (!properties.isEmpty()) {
            Expression.Part property = parts.size() > 1 ? parts.get(1) : null;
            if (property == null || property.isVirtualMethod() || !properties.contains(property.getName())) {
                problems.add(error(file, line, shown + ": '" + root.getName() + "' has " + (property == null ? "to be followed by"
                        : "no '" + property.getName() + "'; use") + " " + String.join(" or ", properties.stream().sorted()
                        .map(p -> root.getName() + "." + p).toList()) + "."));
                return;
            }
            next = 2;
        }
        for (Expression.Part part : parts.subList(next, parts.size())) {
            if (!part.isVirtualMethod() || !MessageValues.METHODS.contains(part.getName())) {
                problems.add(error(file, line, shown + ": '." + part.getName() + "' cannot be used here; a value can only "
                        + "have a default, as in {" + root.getName() + " ?: '…'}."));
                return;
            }
            for (Expression parameter : part.asVirtualMethod().getParameters()) {
                checkExpression(file, parameter, problems);
            }
        }
    }

    private static String available() {
        return String.join(", ", MessageValues.VARIABLES.entrySet().stream()
                .flatMap(v -> v.getValue().isEmpty() ? Stream.of(v.getKey())
                        : v.getValue().stream().sorted().map(p -> v.getKey() + "." + p))
                .toList());
    }

    private static RenderedMessage split(String language, String text) {
        String[] lines = text.replace("\r\n", "\n").strip().split("\n", 2);
        Matcher subject = SUBJECT.matcher(lines[0]);
        if (!subject.matches()) {
            throw new IllegalStateException("A checked template lost its subject line");
        }
        String body = lines.length > 1 ? lines[1].strip() : "";
        return new RenderedMessage(language, subject.group(1).strip(), body.replaceAll("\\n{3,}", "\n\n"));
    }

    private static java.util.Optional<String> firstLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst();
    }

    /** The parser's message without its own location prefix: the problem already says where. */
    private static String plain(TemplateException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceFirst("^Parser error( in template \\[[^]]*])?( (on )?line \\d+)?:\\s*", "").strip();
    }

    private static PolicyProblem error(String file, Integer line, String message) {
        return new PolicyProblem(file, null, null, line, PolicyProblem.Severity.ERROR, message);
    }

    private static PolicyProblem warning(String file, String message) {
        return new PolicyProblem(file, null, null, null, PolicyProblem.Severity.WARNING, message);
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder.toAbsolutePath(), e);
        }
    }

    private static String read(Path file, String name, List<PolicyProblem> problems) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // Windows editors may start the file with a byte-order mark; it is not part of the subject.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(PolicyProblem.error(name, "The file is not saved as UTF-8 text; save it again as UTF-8."));
        } catch (IOException e) {
            problems.add(PolicyProblem.error(name, "The file cannot be read: " + e.getMessage()));
        }
        return null;
    }
}
