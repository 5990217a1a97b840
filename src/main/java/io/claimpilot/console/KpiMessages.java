package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The indicators page, English here, French in {@code messages/kpi_fr.properties} (own bundle: see SignInMessages). */
@MessageBundle(value = "kpi", locale = "en")
public interface KpiMessages {

    @Message("Indicators")
    String nav();

    @Message("Automation rate, resolution times, refunds, customer satisfaction, and the pilot beside its control.")
    String navText();

    @Message("Indicators")
    String title();

    @Message("Claims created from {from} to {to} (UTC), both days included.")
    String period(String from, String to);

    @Message("From")
    String from();

    @Message("To")
    String to();

    @Message("Show")
    String show();

    @Message("Headline figures")
    String headline();

    @Message("Claims")
    String claims();

    @Message("Decided")
    String decided();

    @Message("Open")
    String open();

    @Message("Decided by the policy")
    String automated();

    @Message("Automation rate")
    String automationRate();

    @Message("Escalation rate")
    String escalationRate();

    @Message("Refunds")
    String refunds();

    @Message("Refunded")
    String refunded();

    @Message("Refund rate")
    String refundRate();

    @Message("Reshipments")
    String reshipments();

    @Message("Exchanges")
    String exchanges();

    @Message("Resolution time, median / 90th percentile")
    String resolution();

    @Message("First response, median / 90th percentile")
    String firstResponse();

    @Message("Evidence deadline passed")
    String evidenceExpired();

    @Message("Held by a guard rail or the blocklist")
    String fraudHolds();

    @Message("Agents' overrides")
    String overrideRate();

    @Message("Customer satisfaction")
    String csat();

    @Message("{satisfied} of {responses} satisfied")
    String csatDetail(long satisfied, long responses);

    @Message("Daily trend")
    String trend();

    @Message("Claims per day")
    String claimsPerDay();

    @Message("Automation rate per day")
    String automationPerDay();

    @Message("Refunded per day ({currency})")
    String refundedPerDay(String currency);

    @Message("Day")
    String day();

    @Message("By reason")
    String byReason();

    @Message("Reason")
    String reason();

    @Message("By rule")
    String byRule();

    @Message("Rule")
    String rule();

    @Message("Final decisions")
    String ruleDecided();

    @Message("Flagged wrong")
    String flaggedWrong();

    @Message("Pilot and control")
    String pilot();

    @Message("No claim in this period was decided in a pilot.")
    String noPilot();

    @Message("Not enough data yet: each cohort needs at least 30 decisions before the difference means anything.")
    String notEnoughData();

    @Message("Pilot")
    String pilotCohort();

    @Message("Control")
    String controlCohort();

    @Message("Difference")
    String difference();

    @Message("95 % interval")
    String interval();

    @Message("p-value")
    String pValue();

    @Message("Nothing to show for this period.")
    String empty();

    @Message("–")
    String none();

    @Message("{hours} h {minutes} min")
    String hoursMinutes(long hours, long minutes);

    @Message("{minutes} min {seconds} s")
    String minutesSeconds(long minutes, long seconds);

    @Message("{seconds} s")
    String seconds(long seconds);
}
