package io.claimpilot.console;

import io.claimpilot.policy.PolicyRollouts;
import io.claimpilot.policy.RolloutControl;
import io.claimpilot.policy.RolloutState;
import io.quarkus.qute.TemplateData;

import java.util.List;

/** The live pilot as the policy pages and the home page show it. */
@TemplateData
public record PilotView(String version, String shortHash, String percent, boolean humanControl, boolean halted,
                        String haltReason, String startedBy, String startedAt, String proposedBy, List<StepRow> schedule) {

    @TemplateData
    public record StepRow(String percent, String due, String happened) {
    }

    static PilotView of(PolicyRollouts.RolloutView rollout) {
        return new PilotView(rollout.version(), PolicyPage.shortHash(rollout.version()),
                rollout.percent().stripTrailingZeros().toPlainString(), rollout.control() == RolloutControl.HUMAN_REVIEW,
                rollout.state() == RolloutState.HALTED, rollout.haltReason(), rollout.startedBy(),
                BackOfficeViews.when(rollout.startedAt()), rollout.proposedBy(),
                rollout.schedule().stream().map(step -> new StepRow(step.percent().stripTrailingZeros().toPlainString(),
                        BackOfficeViews.when(step.at()), BackOfficeViews.when(step.happenedAt()))).toList());
    }
}
