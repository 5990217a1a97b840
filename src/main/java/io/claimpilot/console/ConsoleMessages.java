package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts, English here, French in {@code messages/msg_fr.properties} (same keys). Templates use
 * {@code {msg:key}} or {@code {msg:key(arg)}}; Java uses {@link ConsoleContext#messages()}. Add a key in both places.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    // Layout and sign-in
    @Message("ClaimPilot console")
    String appName();

    @Message("Skip to content")
    String skipToContent();

    @Message("Sign in")
    String signIn();

    @Message("User name")
    String username();

    @Message("Password")
    String password();

    @Message("Wrong user name or password.")
    String signInError();

    @Message("Sign out")
    String signOut();

    @Message("Signed in as {name} ({role})")
    String signedInAs(String name, String role);

    @Message("Language")
    String language();

    @Message("Main navigation")
    String mainNavigation();

    @Message("Home")
    String home();

    @Message("What you can do here")
    String homeIntro();

    @Message("Review queue")
    String navQueue();

    @Message("Work the claims the policy sent to a person.")
    String navQueueText();

    @Message("Policies")
    String navPolicies();

    @Message("Administration")
    String navAdmin();

    @Message("Nothing here for your role yet.")
    String nothingForRole();

    // Errors
    @Message("Not allowed")
    String forbiddenTitle();

    @Message("Your role ({role}) may not open this page.")
    String forbiddenText(String role);

    @Message("The action was refused")
    String errorTitle();

    @Message("Back")
    String back();

    @Message("Refused")
    String csrfRefusedTitle();

    @Message("This form was sent without its security token, or with an expired one. Go back, reload the page and send it again.")
    String csrfRefused();

    // Agents: queue and claim page
    @Message("Review queue")
    String queueTitle();

    @Message("Filters")
    String filters();

    @Message("Reason")
    String filterReason();

    @Message("Any reason")
    String anyReason();

    @Message("Amount from")
    String filterMinAmount();

    @Message("Amount up to")
    String filterMaxAmount();

    @Message("Waiting at least (hours)")
    String filterOlderThan();

    @Message("Assigned")
    String filterAssignment();

    @Message("Everyone's")
    String assignmentAll();

    @Message("Taken by me")
    String assignmentMine();

    @Message("Not taken")
    String assignmentUnassigned();

    @Message("SLA breached only")
    String filterBreached();

    @Message("Apply")
    String applyFilters();

    @Message("Customer")
    String colCustomer();

    @Message("Order")
    String colOrder();

    @Message("Amount")
    String colAmount();

    @Message("Reason")
    String colReason();

    @Message("Why a person")
    String colWhy();

    @Message("Time left")
    String colTimeLeft();

    @Message("Taken by")
    String colAssignee();

    @Message("No claim waits for a person.")
    String queueEmpty();

    @Message("{count} claim(s) waiting")
    String queueCount(long count);

    @Message("{hours} h {minutes} min")
    String timeLeft(String hours, String minutes);

    @Message("overdue by {hours} h {minutes} min")
    String overdueBy(String hours, String minutes);

    @Message("nobody")
    String nobody();

    @Message("Open")
    String open();

    @Message("Take this claim")
    String take();

    @Message("Put back in the queue")
    String release();

    @Message("Taken by {name}")
    String takenBy(String name);

    @Message("You are working on this claim.")
    String takenByYou();

    @Message("{name} is working on this claim: you cannot act on it.")
    String takenByOther(String name);

    @Message("This claim is not waiting for a person (status {status}).")
    String notInReview(io.claimpilot.claim.ClaimStatus status);

    @Message("Claim {id} is resolved and left the queue.")
    String doneResolved(String id);

    @Message("Claim {id} is back in the queue.")
    String doneReleased(String id);

    @Message("Claim {id}")
    String claimTitle(String id);

    @Message("Claim")
    String sectionClaim();

    @Message("Order")
    String sectionOrder();

    @Message("Evidence")
    String sectionEvidence();

    @Message("Customer history")
    String sectionHistory();

    @Message("Policy decision")
    String sectionDecision();

    @Message("Facts the policy saw")
    String sectionFacts();

    @Message("Stock")
    String sectionStock();

    @Message("Audit trail")
    String sectionAudit();

    @Message("Resolve")
    String sectionActions();

    @Message("No evidence.")
    String noEvidence();

    @Message("Photo {n} (opens full size)")
    String photo(int n);

    @Message("Tracking number")
    String trackingNumber();

    @Message("Status")
    String status();

    @Message("Customer")
    String customer();

    @Message("E-mail")
    String email();

    @Message("Claimed amount")
    String claimedAmount();

    @Message("Items")
    String items();

    @Message("SKU")
    String sku();

    @Message("Quantity")
    String quantity();

    @Message("Unit price")
    String unitPrice();

    @Message("Available")
    String available();

    @Message("Fulfillment")
    String fulfillment();

    @Message("Total paid")
    String totalPaid();

    @Message("Left to refund")
    String refundable();

    @Message("Placed")
    String placedAt();

    @Message("Shipped")
    String shippedAt();

    @Message("Tracking")
    String tracking();

    @Message("Received")
    String createdAt();

    @Message("Claims in 30 days")
    String claims30();

    @Message("Claims in 90 days")
    String claims90();

    @Message("Refunded in 30 days")
    String refunded30();

    @Message("Refunded in 90 days")
    String refunded90();

    @Message("No earlier claim.")
    String noHistory();

    @Message("Outcome")
    String outcome();

    @Message("Rules that fired, in order")
    String rulesFired();

    @Message("No rule fired.")
    String noRuleFired();

    @Message("Policy version")
    String policyVersion();

    @Message("Decision")
    String proposedAction();

    @Message("Why")
    String reasons();

    @Message("Fact")
    String fact();

    @Message("Value")
    String value();

    @Message("When")
    String auditWhen();

    @Message("Who")
    String auditWho();

    @Message("What")
    String auditWhat();

    @Message("Why")
    String auditWhy();

    @Message("Refund")
    String refund();

    @Message("Full amount ({amount})")
    String refundFull(String amount);

    @Message("Part of it")
    String refundPartial();

    @Message("Amount to refund")
    String refundAmount();

    @Message("Reship")
    String reship();

    @Message("Request evidence")
    String requestEvidence();

    @Message("Deadline (hours from now)")
    String deadlineHours();

    @Message("Deny")
    String deny();

    @Message("Note (required, for the customer's file)")
    String note();

    @Message("A refund of {amount} proposed by {name} waits for a second agent.")
    String pendingApproval(String amount, String name);

    @Message("Approve as second agent")
    String approve();

    @Message("Your refund waits for a second agent: above the four-eyes amount, another agent must approve it.")
    String proposedWaits();

    @Message("Refused: {detail}")
    String blocked(String detail);
}
