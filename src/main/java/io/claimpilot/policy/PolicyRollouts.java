package io.claimpilot.policy;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.decision.Cohort;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pilot: a stored version other than the active one decides the claims of a stable share of customers (the pilot
 * cohort, {@link PilotBuckets}), the others stay on the control. Analysts start, change and end it; its schedule raises
 * the percent at each step's time; reaching 100 % activates the version (as approved when the pilot started) and
 * completes the pilot; its indicators halt it. Everything lives in the database, so every replica routes claims the
 * same way, and each change is made once, under a lock, whichever replica makes it.
 */
@ApplicationScoped
public class PolicyRollouts {

    private static final Logger LOG = Logger.getLogger(PolicyRollouts.class);

    public static final String SCHEDULE_ACTOR = "system:pilot-schedule";
    public static final String HALT_ACTOR = "system:pilot-halt";
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final int MAX_STEPS = 20;

    @Inject
    PolicyVersions versions;
    @Inject
    PolicyEngine engine;
    @Inject
    PilotIndicators indicators;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /** What the live pilot looks like to the metrics, refreshed on every change and every scheduled run. */
    private volatile PilotGaugeValues gaugeValues = new PilotGaugeValues(0, false);

    /** An analyst's pilot: the share of customers, the control, the ramp-up and the halting thresholds. */
    public record RolloutRequest(BigDecimal percent, RolloutControl control, List<Step> schedule, HaltIf haltIf,
                                 boolean confirmRemovedGuardRails) {
    }

    /** A step of the ramp-up: the percent the pilot goes to at a future time. */
    public record Step(BigDecimal percent, Instant at) {
    }

    /** The pilot halts when, after at least {@code minDecisions} final decisions, a rate goes above its threshold. */
    public record HaltIf(BigDecimal overrideRateAbove, BigDecimal flaggedWrongRateAbove, Integer minDecisions) {
    }

    public record StepView(BigDecimal percent, Instant at, Instant happenedAt) {
    }

    public record EventView(PolicyRolloutEvent.Kind kind, BigDecimal percent, String actor, Instant at, String detail) {
    }

    public record RolloutView(String version, BigDecimal percent, RolloutControl control, RolloutState state,
                              List<StepView> schedule, HaltIf haltIf, String haltReason, String proposedBy,
                              String startedBy, Instant startedAt, String changedBy, Instant changedAt, String endedBy,
                              Instant endedAt, List<EventView> history) {
    }

    /** A pilot started ({@code created}) or the live one changed. */
    public record Saved(RolloutView rollout, boolean created) {
    }

    /**
     * Which version decides a new claim, and in which cohort. {@code heldForPerson} is the reason a claim of the
     * control goes to a person when the control is {@link RolloutControl#HUMAN_REVIEW}; null otherwise.
     */
    public record Route(CompiledPolicy policy, Cohort cohort, String heldForPerson) {
    }

    /** The percent and whether the live pilot is halted, as the gauges report them. */
    public record PilotGaugeValues(double percent, boolean halted) {
    }

    /**
     * Starts a pilot of {@code version}, or changes the live pilot when it is of the same version (to ramp it by hand,
     * change its schedule or thresholds, or run it again after a halt). Starting and changing follow the rules of an
     * activation: under two-person activation the version's author cannot do it alone, and a version that drops a
     * guard rail of the active version needs {@code confirmRemovedGuardRails}.
     */
    public Saved save(String version, RolloutRequest request, String analyst) {
        Instant now = clock.instant();
        check(request, now);
        PolicyVersionRecord record = versions.find(version).orElseThrow(() -> ApiProblem.notFound("Policy version " + version));
        if (record.validation == null || !record.validation.valid()) {
            throw new ApiProblem(409, "Policy is not valid", "Version " + version + " failed validation and cannot run a pilot");
        }
        if (version.equals(engine.active().version())) {
            throw new ApiProblem(409, "Version is active", "Version " + short12(version)
                    + " is the active version: a pilot tries a version that is not active yet");
        }
        if (versions.needsSecondPerson(version, analyst)) {
            throw new ApiProblem(403, "A second analyst must start this pilot", "You uploaded version " + short12(version)
                    + ": another analyst must review it and start its pilot (two-person activation), since reaching 100 %"
                    + " activates it.");
        }
        List<String> removed = versions.removedGuardRails(version);
        if (!removed.isEmpty() && !request.confirmRemovedGuardRails()) {
            throw new ApiProblem(409, "Guard rails removed", "Version " + short12(version) + " removes " + removed.size()
                    + " guard rail(s) of the active version: " + String.join("; ", removed)
                    + ". Send \"confirmRemovedGuardRails\": true to run its pilot anyway.",
                    removed.stream().map(rule -> new ApiProblem.FieldViolation("confirmRemovedGuardRails",
                            "removes '" + rule + "'")).toList());
        }
        // Compiled now, not by the first claim of the cohort while it holds its order's lock.
        engine.version(version);
        Saved saved = QuarkusTransaction.requiringNew().call(() -> {
            lockRollouts();
            PolicyRollout live = PolicyRollout.live();
            if (live != null && !live.versionHash.equals(version)) {
                throw new ApiProblem(409, "A pilot is running", "Version " + short12(live.versionHash)
                        + " is in a pilot (" + live.state + "): end it before starting another");
            }
            boolean created = live == null;
            PolicyRollout rollout = created ? new PolicyRollout() : live;
            rollout.versionHash = version;
            rollout.percent = request.percent().setScale(2, RoundingMode.UNNECESSARY);
            rollout.control = request.control() == null ? RolloutControl.ACTIVE_VERSION : request.control();
            HaltIf haltIf = request.haltIf();
            rollout.overrideRateAbove = haltIf == null ? null : rateScale(haltIf.overrideRateAbove());
            rollout.flaggedWrongRateAbove = haltIf == null ? null : rateScale(haltIf.flaggedWrongRateAbove());
            rollout.minDecisions = haltIf == null ? null : haltIf.minDecisions();
            String haltedBefore = rollout.haltReason;
            rollout.state = RolloutState.RUNNING;
            rollout.haltReason = null;
            rollout.changedBy = analyst;
            rollout.changedAt = now;
            if (created) {
                rollout.proposedBy = record.author;
                rollout.startedBy = analyst;
                rollout.startedAt = now;
                rollout.persist();
            } else {
                // The steps still to come are replaced; those that happened stay on record.
                PolicyRolloutStep.delete("rolloutId = ?1 and happenedAt is null", rollout.id);
            }
            int position = PolicyRolloutStep.of(rollout.id).stream().mapToInt(s -> s.position + 1).max().orElse(0);
            for (Step step : schedule(request)) {
                PolicyRolloutStep row = new PolicyRolloutStep();
                row.rolloutId = rollout.id;
                row.position = position++;
                row.percent = step.percent().setScale(2, RoundingMode.UNNECESSARY);
                row.dueAt = step.at();
                row.persist();
            }
            PolicyRolloutEvent.record(rollout, created ? PolicyRolloutEvent.Kind.STARTED : PolicyRolloutEvent.Kind.CHANGED,
                    analyst, now, describe(rollout, request) + (haltedBefore == null ? "" : "; runs again after: " + haltedBefore));
            if (rollout.percent.compareTo(HUNDRED) == 0) {
                complete(rollout, analyst, now);
            }
            return new Saved(view(rollout), created);
        });
        LOG.infof("Pilot of policy %s %s by %s: %s%% of customers, control %s", short12(version),
                saved.created() ? "started" : "changed", analyst, saved.rollout().percent(), saved.rollout().control());
        if (saved.rollout().state() == RolloutState.COMPLETED) {
            // Straight to 100 %: the activation row committed with the pilot; this replica switches now.
            engine.activate(engine.version(version));
        }
        afterChange(saved.rollout());
        return saved;
    }

    /** Ends the live pilot of {@code version}: from now on every claim is decided as if no pilot ran. */
    public RolloutView end(String version, String analyst) {
        Instant now = clock.instant();
        RolloutView ended = QuarkusTransaction.requiringNew().call(() -> {
            lockRollouts();
            PolicyRollout live = PolicyRollout.live();
            if (live == null || !live.versionHash.equals(version)) {
                throw ApiProblem.notFound("A running or halted pilot of policy version " + version);
            }
            live.state = RolloutState.ENDED;
            live.endedBy = analyst;
            live.endedAt = now;
            live.changedBy = analyst;
            live.changedAt = now;
            PolicyRolloutEvent.record(live, PolicyRolloutEvent.Kind.ENDED, analyst, now, "Ended at " + live.percent + " %");
            return view(live);
        });
        LOG.infof("Pilot of policy %s ended by %s", short12(version), analyst);
        afterChange(ended);
        return ended;
    }

    /** The latest pilot, live or not; empty when no pilot ever ran. */
    public Optional<RolloutView> latest() {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(PolicyRollout.latest()).map(this::view));
    }

    /** The running or halted pilot, if any. */
    public Optional<RolloutView> live() {
        return QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(PolicyRollout.live()).map(this::view));
    }

    /**
     * Which version decides a new claim of {@code customerId}, read from the database in the caller's transaction so
     * every replica routes the same way the moment a pilot changes. Without a pilot: the active version, no cohort.
     */
    public Route route(String customerId) {
        PolicyRollout live = PolicyRollout.live();
        if (live == null) {
            return new Route(engine.active(), null, null);
        }
        if (customerId != null && PilotBuckets.inPilot(PilotBuckets.bucket(live.versionHash, customerId), live.percent)) {
            return new Route(engine.version(live.versionHash), Cohort.PILOT, null);
        }
        String toPerson = live.control == RolloutControl.HUMAN_REVIEW
                ? "Pilot of policy " + short12(live.versionHash) + ": this customer is in the control group, which a person decides"
                : null;
        return new Route(engine.active(), Cohort.CONTROL, toPerson);
    }

    /**
     * The scheduled work, safe with several replicas (the running pilot's row is taken with SKIP LOCKED): the steps that
     * are due happen, 100 % completes the pilot and activates its version, and otherwise the indicators may halt it.
     */
    public void runSchedule() {
        Optional<String> activated = QuarkusTransaction.requiringNew().call(this::advanceRunningPilot);
        // The activation row committed with the completion; this replica switches now, the others on their next sync.
        activated.ifPresent(hash -> engine.activate(engine.version(hash)));
        refreshGauges();
    }

    public PilotGaugeValues gaugeValues() {
        return gaugeValues;
    }

    public void refreshGauges() {
        gaugeValues = live().map(r -> new PilotGaugeValues(r.percent().doubleValue(), r.state() == RolloutState.HALTED))
                .orElse(new PilotGaugeValues(0, false));
    }

    private Optional<String> advanceRunningPilot() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from policy_rollout where state = 'RUNNING' for update skip locked")
                .getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        PolicyRollout rollout = PolicyRollout.findById(ids.get(0).longValue());
        Instant now = clock.instant();
        PolicyActivation active = PolicyActivation.latest();
        if (active != null && active.versionHash.equals(rollout.versionHash)) {
            // Someone activated the pilot's version directly: the pilot has nothing left to try.
            finish(rollout, RolloutState.COMPLETED, SCHEDULE_ACTOR, now, "Version activated directly by " + active.activatedBy);
            return Optional.empty();
        }
        List<PolicyRolloutStep> due = PolicyRolloutStep.list("rolloutId = ?1 and happenedAt is null and dueAt <= ?2 order by position",
                rollout.id, now);
        for (PolicyRolloutStep step : due) {
            step.happenedAt = now;
            rollout.percent = step.percent;
            rollout.changedBy = SCHEDULE_ACTOR;
            rollout.changedAt = now;
            PolicyRolloutEvent.record(rollout, PolicyRolloutEvent.Kind.STEP, SCHEDULE_ACTOR, now,
                    "Step to " + step.percent + " % due at " + step.dueAt);
            LOG.infof("Pilot of policy %s is now at %s%% of customers (step due at %s)", short12(rollout.versionHash),
                    step.percent, step.dueAt);
        }
        if (rollout.percent.compareTo(HUNDRED) == 0) {
            complete(rollout, SCHEDULE_ACTOR, now);
            return Optional.of(rollout.versionHash);
        }
        haltIfCrossed(rollout, now);
        return Optional.empty();
    }

    /** Reaching 100 %: the version becomes the active one, as approved by the analyst who started the pilot. */
    private void complete(PolicyRollout rollout, String actor, Instant now) {
        versions.recordActivation(rollout.versionHash, rollout.startedBy, now);
        finish(rollout, RolloutState.COMPLETED, actor, now, "Reached 100 %: version activated as approved by " + rollout.startedBy);
        LOG.infof("Pilot of policy %s reached 100%%: the version is now active", short12(rollout.versionHash));
    }

    private void finish(PolicyRollout rollout, RolloutState state, String actor, Instant now, String detail) {
        rollout.state = state;
        rollout.endedBy = actor;
        rollout.endedAt = now;
        rollout.changedBy = actor;
        rollout.changedAt = now;
        PolicyRolloutEvent.record(rollout, state == RolloutState.COMPLETED ? PolicyRolloutEvent.Kind.COMPLETED
                : PolicyRolloutEvent.Kind.ENDED, actor, now, detail);
    }

    private void haltIfCrossed(PolicyRollout rollout, Instant now) {
        if (!rollout.halts()) {
            return;
        }
        PilotIndicators.Counts counts = indicators.count(rollout.versionHash, rollout.startedAt);
        if (counts.decided() < rollout.minDecisions) {
            return;
        }
        String reason = null;
        if (rollout.overrideRateAbove != null && counts.resolutions() > 0
                && rate(counts.overrides(), counts.resolutions()).compareTo(rollout.overrideRateAbove) > 0) {
            reason = "Override rate " + rate(counts.overrides(), counts.resolutions()) + " (" + counts.overrides() + " of "
                    + counts.resolutions() + " agents' resolutions) is above " + rollout.overrideRateAbove.stripTrailingZeros().toPlainString();
        } else if (rollout.flaggedWrongRateAbove != null && counts.automatic() > 0
                && rate(counts.flaggedWrong(), counts.automatic()).compareTo(rollout.flaggedWrongRateAbove) > 0) {
            reason = "Flagged-wrong rate " + rate(counts.flaggedWrong(), counts.automatic()) + " (" + counts.flaggedWrong()
                    + " of " + counts.automatic() + " automatic final decisions) is above "
                    + rollout.flaggedWrongRateAbove.stripTrailingZeros().toPlainString();
        }
        if (reason == null) {
            return;
        }
        reason += ", after " + counts.decided() + " final decisions in the pilot cohort";
        rollout.state = RolloutState.HALTED;
        rollout.percent = BigDecimal.ZERO.setScale(2);
        rollout.haltReason = reason;
        rollout.changedBy = HALT_ACTOR;
        rollout.changedAt = now;
        PolicyRolloutEvent.record(rollout, PolicyRolloutEvent.Kind.HALTED, HALT_ACTOR, now, reason);
        LOG.warnf("Pilot of policy %s HALTED, every claim now goes to the control: %s", short12(rollout.versionHash), reason);
    }

    private static BigDecimal rateScale(BigDecimal rate) {
        return rate == null ? null : rate.setScale(4, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal rate(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** One pilot change at a time across replicas, so two analysts cannot start two pilots side by side. */
    private void lockRollouts() {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended('policy_rollout', 0))").getSingleResult();
    }

    private void afterChange(RolloutView rollout) {
        gaugeValues = rollout.state().live()
                ? new PilotGaugeValues(rollout.percent().doubleValue(), rollout.state() == RolloutState.HALTED)
                : new PilotGaugeValues(0, false);
    }

    private RolloutView view(PolicyRollout r) {
        List<StepView> steps = PolicyRolloutStep.of(r.id).stream().map(s -> new StepView(s.percent, s.dueAt, s.happenedAt)).toList();
        List<EventView> history = PolicyRolloutEvent.of(r.id).stream()
                .map(e -> new EventView(e.kind, e.percent, e.actor, e.at, e.detail)).toList();
        HaltIf haltIf = r.overrideRateAbove == null && r.flaggedWrongRateAbove == null && r.minDecisions == null
                ? null : new HaltIf(r.overrideRateAbove, r.flaggedWrongRateAbove, r.minDecisions);
        return new RolloutView(r.versionHash, r.percent, r.control, r.state, steps, haltIf, r.haltReason, r.proposedBy,
                r.startedBy, r.startedAt, r.changedBy, r.changedAt, r.endedBy, r.endedAt, history);
    }

    private static List<Step> schedule(RolloutRequest request) {
        return request.schedule() == null ? List.of() : request.schedule();
    }

    private static String describe(PolicyRollout rollout, RolloutRequest request) {
        return rollout.percent + " %, control " + rollout.control + ", " + schedule(request).size() + " step(s) scheduled"
                + (rollout.halts() ? ", halts above override " + rollout.overrideRateAbove + " / flagged wrong "
                + rollout.flaggedWrongRateAbove + " after " + rollout.minDecisions + " decisions" : "");
    }

    /** Every field of the request, each problem named by its field; nothing is stored when one is wrong. */
    private static void check(RolloutRequest request, Instant now) {
        if (request == null) {
            throw ApiProblem.invalidField("percent", "is required");
        }
        List<ApiProblem.FieldViolation> problems = new ArrayList<>();
        percent(request.percent(), "percent", problems);
        List<Step> schedule = schedule(request);
        if (schedule.size() > MAX_STEPS) {
            problems.add(new ApiProblem.FieldViolation("schedule", "has more than " + MAX_STEPS + " steps"));
        }
        BigDecimal previousPercent = request.percent();
        Instant previousAt = now;
        for (int i = 0; i < schedule.size() && i < MAX_STEPS; i++) {
            Step step = schedule.get(i);
            String field = "schedule[" + i + "]";
            if (step == null) {
                problems.add(new ApiProblem.FieldViolation(field, "is empty"));
                continue;
            }
            if (percent(step.percent(), field + ".percent", problems) && previousPercent != null && percent(previousPercent)) {
                if (step.percent().compareTo(previousPercent) <= 0) {
                    problems.add(new ApiProblem.FieldViolation(field + ".percent",
                            "must be above " + previousPercent.stripTrailingZeros().toPlainString() + ": a schedule only ramps up"));
                }
            }
            previousPercent = step.percent();
            if (step.at() == null) {
                problems.add(new ApiProblem.FieldViolation(field + ".at", "is required"));
            } else if (!step.at().isAfter(previousAt)) {
                problems.add(new ApiProblem.FieldViolation(field + ".at", i == 0 || previousAt.equals(now)
                        ? "must be in the future" : "must be after the previous step's time"));
            } else {
                previousAt = step.at();
            }
        }
        HaltIf haltIf = request.haltIf();
        if (haltIf != null) {
            rate(haltIf.overrideRateAbove(), "haltIf.overrideRateAbove", problems);
            rate(haltIf.flaggedWrongRateAbove(), "haltIf.flaggedWrongRateAbove", problems);
            if (haltIf.overrideRateAbove() == null && haltIf.flaggedWrongRateAbove() == null) {
                problems.add(new ApiProblem.FieldViolation("haltIf", "needs overrideRateAbove, flaggedWrongRateAbove or both"));
            }
            if (haltIf.minDecisions() == null) {
                problems.add(new ApiProblem.FieldViolation("haltIf.minDecisions", "is required"));
            } else if (haltIf.minDecisions() < 1) {
                problems.add(new ApiProblem.FieldViolation("haltIf.minDecisions", "must be at least 1"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
    }

    private static boolean percent(BigDecimal value) {
        return value.signum() >= 0 && value.compareTo(HUNDRED) <= 0 && value.stripTrailingZeros().scale() <= 2;
    }

    private static boolean percent(BigDecimal value, String field, List<ApiProblem.FieldViolation> problems) {
        if (value == null) {
            problems.add(new ApiProblem.FieldViolation(field, "is required"));
            return false;
        }
        if (!percent(value)) {
            problems.add(new ApiProblem.FieldViolation(field, "must be from 0 to 100 with at most two decimals"));
            return false;
        }
        return true;
    }

    private static void rate(BigDecimal value, String field, List<ApiProblem.FieldViolation> problems) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0 || value.stripTrailingZeros().scale() > 4)) {
            problems.add(new ApiProblem.FieldViolation(field, "must be a rate from 0 to 1 with at most four decimals"));
        }
    }

    private static String short12(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
