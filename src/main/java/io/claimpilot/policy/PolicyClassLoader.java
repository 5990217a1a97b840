package io.claimpilot.policy;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/**
 * The second wall: the class loader uploaded rules are compiled and linked with. Drools compiles consequences, evals
 * and functions with ECJ, which reads every type it resolves as a {@code .class} resource from this loader, and the
 * generated classes are defined in the KieBase's own loader, whose parent is this one. So a type that is not listed
 * here cannot be named by compiled rule code ("java.io.File cannot be resolved to a type"), even if the static check
 * ({@link PolicySandbox}) missed it.
 *
 * <p>What stays visible, and why:
 * <ul>
 *   <li>the types a policy may use ({@link PolicySandbox#ALLOWED_TYPES}) and their supertypes, which the compiler
 *       needs to resolve their methods;</li>
 *   <li>what every compiled class needs: Object, Throwable, Exception and Error (generated methods declare
 *       {@code throws Exception}), Enum and Record, and the method handles behind string concatenation and lambdas;</li>
 *   <li>Drools' and KIE's own classes ({@code org.drools.*}, {@code org.kie.*}): generated code implements their
 *       interfaces (Consequence, KnowledgeHelper, EvalExpression, ...) and Drools loads its accumulate functions and
 *       evaluators by name through this loader. A policy cannot name them: the static check refuses every
 *       {@code org.} name, and {@link CompiledRuleCheck} every use beyond the generated plumbing;</li>
 *   <li>resources that are not classes (Drools reads its configuration, {@code META-INF/kie*.conf}).</li>
 * </ul>
 * {@code java.lang.Class} is visible because Drools' own generated code calls {@code getClass()}; what reflection needs
 * beyond it (ClassLoader, Method, Constructor, Field) is not.
 */
final class PolicyClassLoader extends ClassLoader {

    private static final Set<String> COMPILED_AGAINST = compiledAgainst();
    private static final String[] DROOLS = {"org.drools.", "org.kie."};

    static {
        hideFromMvel();
    }

    PolicyClassLoader(ClassLoader parent) {
        super(parent);
    }

    /**
     * Conditions are evaluated by MVEL, which knows some classes by their short name without asking any class loader
     * ({@code System}, {@code Runtime}, {@code Thread}, {@code ClassLoader}, ...): a condition such as
     * {@code reason == System.getenv("X")} would bypass this loader. Drop from MVEL's built-in names every class that
     * this loader would not show, so a condition resolves the same names as compiled rule code. MVEL is used by
     * nothing else in the service; its values (true, null, ...) and the allowed types stay.
     */
    private static synchronized void hideFromMvel() {
        for (java.util.Map<String, Object> names : java.util.List.of(org.mvel2.compiler.AbstractParser.LITERALS,
                org.mvel2.compiler.AbstractParser.CLASS_LITERALS)) {
            names.values().removeIf(value -> value instanceof Class<?> type && !type.isPrimitive() && !visible(type.getName()));
        }
    }

    private static Set<String> compiledAgainst() {
        Set<String> names = new HashSet<>();
        PolicySandbox.ALLOWED_TYPES.values().forEach(type -> addWithSupertypes(type, names));
        for (Class<?> type : new Class<?>[]{Object.class, Throwable.class, Exception.class, RuntimeException.class, Error.class,
                Enum.class, Record.class, java.lang.invoke.MethodHandles.class, java.lang.invoke.MethodHandles.Lookup.class,
                java.lang.invoke.StringConcatFactory.class, java.lang.invoke.LambdaMetafactory.class,
                // Drools' generated accumulate invokers call getClass(); rule code cannot use Class for much, because
                // ClassLoader, Method, Field and Constructor stay hidden, and Class.forName links through this loader.
                Class.class,
                // Named in BigDecimal's signatures: the compiler needs them to resolve its methods, and a DRL function's
                // class does not compile in a file that imports BigDecimal without them. Exceptions only; they read,
                // write and load nothing. The price: Class.forName compiles, and at run time Drools' own loader could
                // find a class by name, so CompiledRuleCheck refuses every call on Class in compiled rule code.
                java.io.IOException.class, ClassNotFoundException.class,
                // The class Drools generates for DRL functions implements Externalizable; interfaces only, and no
                // stream that could be handed to them is visible.
                java.io.Externalizable.class, java.io.ObjectInput.class, java.io.ObjectOutput.class}) {
            addWithSupertypes(type, names);
        }
        return Set.copyOf(names);
    }

    private static void addWithSupertypes(Class<?> type, Set<String> names) {
        if (type == null || !names.add(type.getName())) {
            return;
        }
        addWithSupertypes(type.getSuperclass(), names);
        for (Class<?> implemented : type.getInterfaces()) {
            addWithSupertypes(implemented, names);
        }
    }

    static boolean visible(String className) {
        return COMPILED_AGAINST.contains(className) || isDrools(className);
    }

    private static boolean isDrools(String className) {
        for (String prefix : DROOLS) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!visible(name)) {
            throw new ClassNotFoundException(name + " is not available to a policy");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return allowedResource(name) ? super.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return allowedResource(name) ? super.getResources(name) : Collections.emptyEnumeration();
    }

    /** A class file only for a visible class; other resources (Drools' configuration) as they are. */
    private static boolean allowedResource(String name) {
        if (!name.endsWith(".class")) {
            return true;
        }
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        return visible(className);
    }
}
