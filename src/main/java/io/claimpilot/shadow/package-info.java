/**
 * Shadow mode: a candidate policy version evaluated on every new claim, after the real decision committed and with the
 * same facts snapshot, on a thread of its own. It never acts: its verdicts are only stored (shadow_decision) and
 * compared with what the active policy and the agents decided. {@link io.claimpilot.shadow.ShadowMode} starts and
 * stops it, {@link io.claimpilot.shadow.ShadowEvaluations} evaluates, {@link io.claimpilot.shadow.ShadowReport}
 * compares, {@link io.claimpilot.shadow.ShadowResource} is the API.
 */
package io.claimpilot.shadow;
