package io.claimpilot.policy;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run-time wall's second half: reads the classes Drools compiled from a policy's consequences, evals, accumulates
 * and functions, before the KieBase is built and before any of them runs. The class loader ({@link PolicyClassLoader})
 * decides which types compiled code can link to; it cannot stop what those types themselves allow. This check does:
 * <ul>
 *   <li>no method of {@code java.lang.Class} (reflection by name: {@code Class.forName} would otherwise find any class
 *       through Drools' own loader) and no class literal but a fact's, which Drools writes for {@code modify};</li>
 *   <li>Drools' and KIE's classes only as the generated plumbing uses them ({@link #ENGINE_PLUMBING}): reading a
 *       declaration, the invoker interfaces, and insert/update/delete of a fact. {@code drools.getKieRuntime()}, the
 *       globals, the KieBase and the agenda stay out of reach;</li>
 *   <li>no loop and no recursion, since a time limit cannot stop Java code that never returns to the engine: a
 *       backward jump in any method, or a cycle of calls between the policy's own classes.</li>
 * </ul>
 * The static check refuses all of this first, with the line; this check reports the rule or function it found it in.
 */
final class CompiledRuleCheck {

    /** Owners in Drools and KIE that compiled rule code may call, with the members it may use ({@code *}: any). */
    private static final Map<String, Set<String>> ENGINE_PLUMBING = Map.of(
            "org/drools/base/rule/Declaration", Set.of("*"), // reads a bound variable's value from a matched fact
            "org/drools/core/rule/consequence/KnowledgeHelper", // what insert, modify, update and delete compile to
            Set.of("insert", "insertLogical", "update", "delete", "retract", "modifyRetract", "modifyInsert", "getFactHandle"),
            "org/drools/base/rule/consequence/Consequence", Set.of("evaluate"),
            "org/drools/util/bitmask/AllSetButLastBitMask", Set.of("get")); // modify's property mask
    /** Packages of generated invokers' own plumbing: the invoker interfaces, bytecode comparison, field values. */
    private static final List<String> PLUMBING_PACKAGES = List.of(
            "org/drools/base/rule/accessor/", "org/drools/mvel/asm/", "org/drools/mvel/field/");
    /** The bootstrap methods of string concatenation ({@code "a" + b}): nothing else may be linked dynamically. */
    private static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/StringConcatFactory");

    /** What was found, in which compiled class, in words an analyst can act on. */
    record Finding(String className, String what) {
    }

    private CompiledRuleCheck() {
    }

    /** Every refusal in the given compiled classes (internal or dotted names to bytes), in the order found. */
    static List<Finding> check(Map<String, byte[]> classes) {
        Map<String, byte[]> byInternalName = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> byInternalName.put(internalName(name), bytes));
        List<Finding> findings = new ArrayList<>();
        Map<String, Set<String>> calls = new HashMap<>();
        byInternalName.forEach((name, bytes) -> new ClassReader(bytes).accept(
                new Reader(name, byInternalName.keySet(), findings, calls), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES));
        findings.addAll(recursion(calls));
        return findings;
    }

    private static String internalName(String name) {
        String internal = name.endsWith(".class") ? name.substring(0, name.length() - ".class".length()) : name;
        return internal.replace('.', '/');
    }

    /** Reads one class: every call, field, constant and jump of every method. */
    private static final class Reader extends ClassVisitor {

        private final String className;
        private final Set<String> policyClasses;
        private final List<Finding> findings;
        private final Map<String, Set<String>> calls;

        Reader(String className, Set<String> policyClasses, List<Finding> findings, Map<String, Set<String>> calls) {
            super(Opcodes.ASM9);
            this.className = className;
            this.policyClasses = policyClasses;
            this.findings = findings;
            this.calls = calls;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = className + "." + name + descriptor;
            return new MethodVisitor(Opcodes.ASM9) {
                private final Set<Label> passed = new HashSet<>();

                @Override
                public void visitLabel(Label label) {
                    passed.add(label);
                }

                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    if (passed.contains(label)) {
                        refuse("loops (a for, while or do loop), which could run for ever");
                    }
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                    backwardSwitch(dflt, labels);
                }

                @Override
                public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                    backwardSwitch(dflt, labels);
                }

                private void backwardSwitch(Label dflt, Label[] labels) {
                    boolean backward = passed.contains(dflt);
                    for (Label label : labels) {
                        backward |= passed.contains(label);
                    }
                    if (backward) {
                        refuse("loops, which could run for ever");
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    member(owner, name);
                    if (policyClasses.contains(owner)) {
                        calls.computeIfAbsent(method, m -> new LinkedHashSet<>()).add(owner + "." + name + descriptor);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    member(owner, name);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                        boolean fact = PolicySandbox.FACT_TYPES.stream().anyMatch(t -> Type.getInternalName(t).equals(type.getInternalName()));
                        if (!fact) {
                            refuse("uses the class literal " + type.getClassName() + ".class (reflection)");
                        }
                    } else if (value instanceof Type || value instanceof Handle || value instanceof ConstantDynamic) {
                        refuse("uses a method handle or a dynamic constant (reflection)");
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                    if (!BOOTSTRAPS.contains(bootstrap.getOwner())) {
                        refuse("links a call at run time through " + bootstrap.getOwner().replace('/', '.'));
                    }
                }

                private void member(String owner, String name) {
                    if (owner.equals("java/lang/Class")) {
                        refuse("calls Class." + name + "() (reflection)");
                    } else if ((owner.startsWith("org/drools/") || owner.startsWith("org/kie/")) && !plumbing(owner, name)) {
                        refuse("reaches into the rule engine (" + owner.replace('/', '.') + "." + name + ")");
                    } else if (!policyClasses.contains(owner) && !owner.startsWith("[")
                            && !PolicyClassLoader.visible(owner.replace('/', '.'))) {
                        refuse("uses " + owner.replace('/', '.'));
                    }
                }

                private void refuse(String what) {
                    Finding finding = new Finding(className.replace('/', '.'), what);
                    if (!findings.contains(finding)) {
                        findings.add(finding);
                    }
                }
            };
        }
    }

    private static boolean plumbing(String owner, String member) {
        Set<String> members = ENGINE_PLUMBING.get(owner);
        if (members != null) {
            return members.contains("*") || members.contains(member);
        }
        return PLUMBING_PACKAGES.stream().anyMatch(owner::startsWith);
    }

    /** A cycle in the calls between the policy's own methods: a function that calls itself, directly or not. */
    private static List<Finding> recursion(Map<String, Set<String>> calls) {
        List<Finding> findings = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String start : calls.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> visited = new HashSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                String last = path.get(path.size() - 1);
                for (String callee : calls.getOrDefault(last, Set.of())) {
                    if (callee.equals(start)) {
                        String className = start.substring(0, start.indexOf('.'));
                        if (reported.add(className)) {
                            findings.add(new Finding(className.replace('/', '.'), "calls itself (recursion), which could run for ever"));
                        }
                    } else if (visited.add(callee)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(callee);
                        paths.push(longer);
                    }
                }
            }
        }
        return findings;
    }
}
