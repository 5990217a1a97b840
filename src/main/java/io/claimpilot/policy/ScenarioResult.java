package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;

import java.util.List;

/** Expected against actual for one scenario, with the rules that fired. */
public record ScenarioResult(
        String file,
        int line,
        String name,
        DecisionAction expectedAction,
        DecisionAction actualAction,
        String expectedAmount,
        String actualAmount,
        String expectedRule,
        List<String> rulesFired,
        List<String> reasons,
        boolean passed) {
}
