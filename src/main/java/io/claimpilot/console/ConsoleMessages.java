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

    // Policies (analysts): /console/policies

    @Message("Versions")
    String polVersions();

    @Message("Newest first. The active version decides every new claim.")
    String polVersionsCaption();

    @Message("Version")
    String polVersion();

    @Message("Comment")
    String polComment();

    @Message("Author")
    String polAuthor();

    @Message("Created")
    String polCreated();

    @Message("Status")
    String polStatus();

    @Message("Actions")
    String polActions();

    @Message("Active")
    String polActive();

    @Message("Previously active")
    String polPrevious();

    @Message("Roll back to this version…")
    String polRollBackTo();

    @Message("Activate…")
    String polActivateEllipsis();

    @Message("Upload new files")
    String polUploadTitle();

    @Message("The files are checked (cells, scenarios) before anything is stored. A valid upload becomes a new, inactive version; nothing changes until you activate it.")
    String polUploadHelp();

    @Message("Rule files (.xlsx, .xls, .csv, .drl)")
    String polRuleFiles();

    @Message("A file replaces the active version's file of the same name; the others are kept.")
    String polRuleFilesHelp();

    @Message("Scenario files (.csv)")
    String polScenarioFiles();

    @Message("Stored under scenarios/, run against the new version before it is stored.")
    String polScenarioFilesHelp();

    @Message("What does this version change?")
    String polCommentLabel();

    @Message("These files are the whole policy (drop the active version's other files)")
    String polReplaceAll();

    @Message("Check and upload")
    String polUploadButton();

    @Message("Upload a fixed version")
    String polUploadFixed();

    @Message("The policy is not valid")
    String polReportTitle();

    @Message("{problems} problem(s) to fix and {failed} failing scenario(s).")
    String polReportSummary(int problems, int failed);

    @Message("Nothing was stored and the active version still runs. Each row says where to fix the file.")
    String polReportNotStored();

    @Message("Problems")
    String polProblems();

    @Message("Where")
    String polWhere();

    @Message("File")
    String polFile();

    @Message("Sheet")
    String polSheet();

    @Message("Cell")
    String polCell();

    @Message("Line")
    String polLine();

    @Message("Severity")
    String polSeverity();

    @Message("Message")
    String polMessage();

    @Message("Error")
    String polError();

    @Message("Warning")
    String polWarning();

    @Message("Scenarios")
    String polScenarios();

    @Message("{passed} of {total} scenarios pass.")
    String polScenarioSummary(int passed, int total);

    @Message("Result")
    String polResult();

    @Message("Scenario")
    String polScenario();

    @Message("Expected")
    String polExpected();

    @Message("Actual")
    String polActual();

    @Message("Rules fired")
    String polRulesFired();

    @Message("expected rule: {rule}")
    String polExpectedRule(String rule);

    @Message("Pass")
    String polPass();

    @Message("Fail")
    String polFail();

    @Message("Policy version {version}")
    String polVersionTitle(String version);

    @Message("Origin")
    String polOrigin();

    @Message("Full identifier")
    String polFullHash();

    @Message("Replay against past claims…")
    String polReplayEllipsis();

    @Message("Files (download)")
    String polFiles();

    @Message("Activations")
    String polActivations();

    @Message("Activated by {who} on {when}")
    String polActivatedBy(String who, String when);

    @Message("Activated by {who} on {when}, proposed by {proposer}")
    String polActivatedByProposedBy(String who, String when, String proposer);

    @Message("Activated again by {who} on {when} (a roll-back)")
    String polRolledBackBy(String who, String when);

    @Message("Never activated.")
    String polNeverActive();

    @Message("Rules ({count})")
    String polRules(int count);

    @Message("Replay version {version}")
    String polReplayTitle(String version);

    @Message("Evaluates this version on the stored facts of past claims and compares with what was decided then. Nothing is executed or written.")
    String polReplayHelp();

    @Message("From (UTC)")
    String polReplayFrom();

    @Message("To, excluded (UTC)")
    String polReplayTo();

    @Message("Or the last N claims")
    String polReplayLast();

    @Message("Dates as 2026-11-20 or times as 2026-11-20T10:00, in UTC. Give a period, a number of claims, or both.")
    String polReplayWhenHelp();

    @Message("Replay")
    String polReplayButton();

    @Message("What would have changed")
    String polReplayResult();

    @Message("{claims} claim(s) replayed, {changed} decided differently.")
    String polReplaySummary(int claims, int changed);

    @Message("Replay job")
    String polReplayJobTitle();

    @Message("The replay runs in the background: {done} of {total} claims done. This page refreshes itself every few seconds.")
    String polReplayJobRunning(int done, int total);

    @Message("The replay job finished: {total} claims replayed.")
    String polReplayJobDone(int total);

    @Message("The replay job failed: {error}")
    String polReplayJobFailed(String error);

    @Message("Automation rate (decided without a person)")
    String polAutomationRate();

    @Message("Automatically refunded")
    String polAutoRefunded();

    @Message("Before")
    String polBefore();

    @Message("After")
    String polAfter();

    @Message("Change")
    String polChange();

    @Message("Currency")
    String polCurrency();

    @Message("No automatic refunds.")
    String polNoRefunds();

    @Message("Transition matrix: rows are the decisions made then, columns the decisions of this version.")
    String polMatrixCaption();

    @Message("Then ↓ / now →")
    String polMatrixCorner();

    @Message("Examples per transition")
    String polExamples();

    @Message("{from} → {to} ({count})")
    String polTransition(String from, String to, int count);

    @Message("Claim")
    String polClaim();

    @Message("Rules fired then")
    String polRulesFiredBefore();

    @Message("Rules fired now")
    String polRulesFiredAfter();

    @Message("No claim would be decided differently.")
    String polNoChanges();

    @Message("Activate version {version}?")
    String polActivateTitle(String version);

    @Message("Roll back to version {version}?")
    String polRollBackTitle(String version);

    @Message("Version {version} is already the active version: nothing to change.")
    String polAlreadyActive(String version);

    @Message("Every new claim will be decided by version {toVersion} (“{toComment}”, by {toAuthor}) instead of version {fromVersion} (“{fromComment}”, by {fromAuthor}). Claims being evaluated finish on the version they started with.")
    String polChangeSummary(String fromVersion, String fromComment, String fromAuthor, String toVersion, String toComment, String toAuthor);

    @Message("Active now")
    String polFromNow();

    @Message("Active after confirming")
    String polToAfter();

    @Message("What changes")
    String polWhatChanges();

    @Message("Rule added: {rule}")
    String polRuleAdded(String rule);

    @Message("Rule removed: {rule}")
    String polRuleRemoved(String rule);

    @Message("File added: {file}")
    String polFileAdded(String file);

    @Message("File removed: {file}")
    String polFileRemoved(String file);

    @Message("File changed: {file}")
    String polFileChanged(String file);

    @Message("The same rule names (their conditions or values may differ).")
    String polSameRuleNames();

    @Message("Activate version {version}")
    String polConfirmActivate(String version);

    @Message("Roll back to version {version}")
    String polConfirmRollBack(String version);

    @Message("Cancel")
    String polCancel();

    @Message("Version {version} is now active.")
    String polActivatedNotice(String version);

    @Message("The files are valid and stored as this new, inactive version. Replay it, then activate it.")
    String polUploadedNew();

    @Message("These exact files are already stored as this version.")
    String polUploadedKnown();

    @Message("give a period (from and to), or a number of last claims")
    String polReplayNeedsSelection();

    @Message("The active version changed while you were confirming. Check what changes now, then confirm again.")
    String polActiveChangedMeanwhile();

    @Message("You uploaded this version, so another analyst must activate it: two-person activation means a second person reviews every new policy. Ask a colleague with the analyst role to open this page. A roll-back to a version that was active before needs only one person.")
    String polSecondPersonNeeded();

    @Message("This version removes guard rails of the active version. Claims they sent to a person may be decided automatically:")
    String polGuardRailsRemoved();

    @Message("I confirm that these guard rails are removed")
    String polConfirmGuardRails();

    @Message("Tick the box to confirm that the guard rails listed below are removed, then activate again.")
    String polConfirmGuardRailsFirst();

    // Administration (admins): /console/admin

    @Message("Automation")
    String admAutomation();

    @Message("Blocklist")
    String admBlocklist();

    @Message("Users")
    String admUsers();

    @Message("API keys")
    String admKeys();

    @Message("Kill switch")
    String admState();

    @Message("Running: the policy acts automatically.")
    String admRunning();

    @Message("Paused: every automatic refund or reshipment goes to a person.")
    String admPaused();

    @Message("paused by {who} on {when}")
    String admPausedBy(String who, String when);

    @Message("Reason: {reason}")
    String admPausedWhy(String reason);

    @Message("last changed by {who} on {when}")
    String admResumedBy(String who, String when);

    @Message("Reason for pausing")
    String admPauseReason();

    @Message("Agents and other admins see it.")
    String admPauseHelp();

    @Message("Pause automation")
    String admPause();

    @Message("Resume automation")
    String admResume();

    @Message("Daily automatic refund budget")
    String admBudgets();

    @Message("Daily limit")
    String admDailyLimit();

    @Message("Used today")
    String admUsedToday();

    @Message("Remaining")
    String admRemaining();

    @Message("Used")
    String admUsedShare();

    @Message("80 % or more used")
    String admBudgetWarning();

    @Message("OK")
    String admBudgetOk();

    @Message("New daily limit")
    String admNewDailyLimit();

    @Message("Set the budget")
    String admSetBudget();

    @Message("Claims from a blocklisted customer id, e-mail or address always go to a person, with the reason shown to agents.")
    String admBlocklistHelp();

    @Message("Kind")
    String admKind();

    @Message("Value")
    String admValue();

    @Message("Reason (shown to agents)")
    String admBlockReason();

    @Message("Add to the blocklist")
    String admAddEntry();

    @Message("Added by")
    String admAddedBy();

    @Message("{count} entries")
    String admEntries(long count);

    @Message("Remove")
    String admRemove();

    @Message("Remove {value} from the blocklist")
    String admRemoveEntry(String value);

    @Message("The blocklist is empty.")
    String admNoEntries();

    @Message("Pages")
    String admPages();

    @Message("Previous")
    String admPrevious();

    @Message("Next")
    String admNext();

    @Message("Page {page} of {pages}")
    String admPageOf(int page, int pages);

    @Message("New user")
    String admNewUser();

    @Message("Display name")
    String admDisplayName();

    @Message("Role")
    String admRole();

    @Message("Initial password")
    String admInitialPassword();

    @Message("At least 12 characters, not a common password. Give it to the person through a safe channel; it is stored only as a bcrypt hash.")
    String admPasswordHelp();

    @Message("Create the user")
    String admCreateUser();

    @Message("you")
    String admYou();

    @Message("Active")
    String admActive();

    @Message("Deactivated")
    String admInactive();

    @Message("demo")
    String admDemo();

    @Message("Deactivate")
    String admDeactivate();

    @Message("Deactivate {user}")
    String admDeactivateUser(String user);

    @Message("New API key")
    String admNewKey();

    @Message("Owner")
    String admOwner();

    @Message("A label for what uses the key, e.g. “reporting script”. A person’s key belongs to a user: requests made with it are"
            + " recorded under the user’s name, as in the console. A shop key belongs to a caller, which owns the claims it sends;"
            + " leave the caller empty for a new one.")
    String admOwnerHelp();

    @Message("Create the key")
    String admCreateKey();

    @Message("New {role} key for {owner}")
    String admKeyIssued(String owner, String role);

    @Message("Copy the key now: it is shown only this once and cannot be recovered.")
    String admKeyOnce();

    @Message("Key")
    String admSecret();

    @Message("Send it as the header Authorization: Bearer <key>.")
    String admKeyUsage();

    @Message("Key id")
    String admKeyId();

    @Message("Revoke")
    String admRevoke();

    @Message("Revoke the key of {owner} ({id})")
    String admRevokeKey(String owner, String id);

    @Message("Revoked {when} {who}")
    String admRevokedBy(String who, String when);

    @Message("Automation is paused.")
    String admPausedNotice();

    @Message("Automation is running again.")
    String admResumedNotice();

    @Message("The daily budget is set.")
    String admBudgetNotice();

    @Message("Added to the blocklist.")
    String admBlockAddedNotice();

    @Message("Removed from the blocklist.")
    String admBlockRemovedNotice();

    @Message("The user is created and can sign in.")
    String admUserCreatedNotice();

    @Message("The user is deactivated and signed out at their next request.")
    String admUserDeactivatedNotice();

    @Message("The key is revoked: requests with it are refused from now on.")
    String admKeyRevokedNotice();

    @Message("is required: say why automation stops")
    String admPauseReasonRequired();

    @Message("You cannot deactivate yourself; ask another admin.")
    String admCannotDeactivateSelf();

    @Message("The scenarios run once the files compile: fix the problems above first.")
    String polScenariosNotRun();

    @Message("Pages of the queue")
    String queuePages();

    @Message("Previous page")
    String previousPage();

    @Message("Next page")
    String nextPage();

    @Message("Page {page} of {pages}")
    String pageOf(int page, int pages);
}
