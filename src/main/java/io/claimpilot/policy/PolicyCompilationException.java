package io.claimpilot.policy;

import java.util.List;
import java.util.stream.Collectors;

/** The policy does not compile; {@link #problems()} says where and why, in an analyst's words. */
public class PolicyCompilationException extends RuntimeException {

    private final transient List<PolicyProblem> problems;

    public PolicyCompilationException(List<PolicyProblem> problems) {
        super("The policy has " + problems.size() + " problem(s):\n"
                + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
