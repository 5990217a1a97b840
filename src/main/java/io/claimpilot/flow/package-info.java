/**
 * The claim flow, top to bottom: the one place to read a claim's journey.
 * <ol>
 *   <li>{@link io.claimpilot.flow.ClaimIntake}: a claim, its evidence or its withdrawal comes in, is validated,
 *       deduplicated and stored;</li>
 *   <li>{@link io.claimpilot.flow.ClaimDecider}: facts gathered, the policy evaluated, the money-safety limits
 *       applied, the decision recorded with its facts snapshot, the claim moved;</li>
 *   <li>{@link io.claimpilot.flow.ActionPlan}: what the decision calls for, queued as typed actions in the outbox in
 *       the same transaction;</li>
 *   <li>{@link io.claimpilot.flow.ClaimSettlement}: the outbox's progress and the providers' reports move the claim
 *       to COMPLETED, FAILED or a person.</li>
 * </ol>
 * Claims no rule settles wait in the review queue: {@link io.claimpilot.flow.ReviewDesk} is what agents do there,
 * {@link io.claimpilot.flow.AgentDecisions} records their decisions like a policy's. {@link io.claimpilot.flow.ClaimQueries}
 * shows a claim; the jobs move claims whose time ran out. Entry points call this package; it calls the domain.
 */
package io.claimpilot.flow;
