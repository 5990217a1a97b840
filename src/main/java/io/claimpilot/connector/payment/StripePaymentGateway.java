package io.claimpilot.connector.payment;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.Authenticator;
import com.stripe.net.BearerTokenAuthenticator;
import com.stripe.net.LiveStripeResponseGetter;
import com.stripe.net.RequestOptions;
import com.stripe.net.StripeResponseGetterOptions;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundUpdateParams;
import com.stripe.param.RefundListParams;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;

import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe refunds through the official SDK ({@code stripe-java}): {@code POST /v1/refunds} with the outbox key as
 * idempotency key, so a retry after a timeout returns the first refund instead of making a second one. Stripe forgets
 * a key after 24 hours: a retry of a refund first tried longer ago than the idempotency window first looks for the
 * refund on the payment ({@code GET /v1/refunds}, by the claim and key in its metadata). The SDK is
 * pointed at {@code claimpilot.stripe.base-url}, makes no retries of its own (the outbox retries) and sends through
 * {@link StripeTransport}, which follows no redirect.
 */
public class StripePaymentGateway implements PaymentGateway {

    static final String PROVIDER = "Stripe";
    /** Errors a retry cannot fix and a person should look at: the money may already be back, or the charge is short. */
    static final Set<String> NEEDS_A_PERSON = Set.of("charge_already_refunded", "amount_too_large",
            "charge_disputed", "resource_missing", "refund_disputed_payment");

    /** Reads carry no idempotency key; they change nothing. */
    private static final RequestOptions READ = RequestOptions.builder().build();
    /** Stripe keeps an idempotency key 24 hours; past this, a retry looks for the refund before creating one. */
    static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofHours(23);
    /** Pages of 100 refunds read when looking for one: a payment with more refunds than that is not a claim's. */
    private static final int MAX_PAGES = 10;

    private final StripeClient stripe;
    private final Clock clock;
    private final Duration idempotencyWindow;

    /** @param apiKey the secret key, from the environment only ({@code CLAIMPILOT_STRIPE_API_KEY}); never logged */
    public StripePaymentGateway(ProviderEndpoint endpoint, String apiKey, Clock clock) {
        this(endpoint, apiKey, clock, DEFAULT_IDEMPOTENCY_WINDOW);
    }

    /** @param idempotencyWindow how long after the first attempt the idempotency key alone is trusted */
    public StripePaymentGateway(ProviderEndpoint endpoint, String apiKey, Clock clock, Duration idempotencyWindow) {
        this.stripe = new StripeClient(new LiveStripeResponseGetter(new Options(endpoint, apiKey),
                new StripeTransport(endpoint.connectTimeout())));
        this.clock = clock;
        this.idempotencyWindow = idempotencyWindow;
    }

    @Override
    public PaymentGateway.Refund refund(RefundRequest request) {
        RefundCreateParams params = params(request);
        if (keyMayBeForgotten(request)) {
            // Money hazard: Stripe forgets the key after 24 hours, and would refund again. The first attempt may have
            // made the refund without our hearing of it (a timeout): if so, that refund is the answer.
            Optional<com.stripe.model.Refund> earlier = earlierRefund(request);
            if (earlier.isPresent()) {
                return refund(earlier.get());
            }
        }
        com.stripe.model.Refund refund;
        try {
            refund = stripe.v1().refunds().create(params,
                    RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
        } catch (ApiConnectionException e) {
            throw ProviderAnswer.unreachable(PROVIDER, e);
        } catch (StripeException e) {
            throw failure(e);
        }
        return refund(refund);
    }

    /** Adds metadata to a refund: an update of the same keys with the same values changes nothing, so a retry is safe. */
    @Override
    public boolean addReferences(String refundId, Map<String, String> references) {
        try {
            stripe.v1().refunds().update(refundId, RefundUpdateParams.builder().putAllMetadata(references).build());
            return true;
        } catch (ApiConnectionException e) {
            throw ProviderAnswer.unreachable(PROVIDER, e);
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    /**
     * The payment a refund would go against, with the figures {@link PaymentCheck} needs: a payment intent read with
     * {@code expand[]=latest_charge.refunds}, or a charge with {@code expand[]=refunds}. What was captured, what was
     * refunded (by anyone, the dashboard included) and the currency come from the charge.
     */
    @Override
    public Optional<Payment> payment(RefundRequest request) {
        String reference = request.paymentReference();
        Charge charge;
        try {
            if (reference != null && reference.startsWith("pi_")) {
                PaymentIntent intent = stripe.v1().paymentIntents().retrieve(reference,
                        PaymentIntentRetrieveParams.builder().addExpand("latest_charge.refunds").build(), READ);
                charge = intent.getLatestChargeObject();
                if (charge == null) {
                    throw ActionFailure.needsReview("Stripe says payment " + reference + " has no charge (status "
                            + intent.getStatus() + "): a refund of " + request.amount() + " was not made");
                }
            } else if (reference != null && reference.startsWith("ch_")) {
                charge = stripe.v1().charges().retrieve(reference, ChargeRetrieveParams.builder().addExpand("refunds").build(), READ);
            } else {
                return Optional.empty(); // refund() refuses such a reference itself, and says why
            }
        } catch (ApiConnectionException e) {
            throw ProviderAnswer.unreachable(PROVIDER, e);
        } catch (StripeException e) {
            throw failure(e);
        }
        String currency = charge.getCurrency();
        long captured = Boolean.FALSE.equals(charge.getCaptured()) || charge.getAmountCaptured() == null ? 0 : charge.getAmountCaptured();
        long refunded = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        return Optional.of(new Payment(PROVIDER, "payment " + reference, StripeAmounts.money(captured, currency),
                StripeAmounts.money(refunded, currency), alreadyMade(charge, request)));
    }

    /** A live refund on the charge that carries this claim and this amount: an earlier attempt of this very refund. */
    private static boolean alreadyMade(Charge charge, RefundRequest request) {
        if (charge.getRefunds() == null || charge.getRefunds().getData() == null
                || !request.amount().currency().equalsIgnoreCase(charge.getCurrency())) {
            return false;
        }
        long amount = StripeAmounts.minorUnits(request.amount());
        return charge.getRefunds().getData().stream().anyMatch(refund -> refund.getMetadata() != null
                && request.claimId().equals(refund.getMetadata().get("claim_id"))
                && refund.getAmount() != null && refund.getAmount() == amount
                && Set.of("succeeded", "pending", "requires_action").contains(String.valueOf(refund.getStatus())));
    }

    static RefundCreateParams params(RefundRequest request) {
        String reference = request.paymentReference();
        RefundCreateParams.Builder params = RefundCreateParams.builder();
        if (reference != null && reference.startsWith("pi_")) {
            params.setPaymentIntent(reference);
        } else if (reference != null && reference.startsWith("ch_")) {
            params.setCharge(reference);
        } else {
            throw ActionFailure.needsReview("The order's payment reference is not a Stripe payment intent (pi_...)"
                    + " or charge (ch_...): refund it by hand");
        }
        // The currency goes along: Stripe then refuses a refund in another currency than the payment's, instead of
        // reading HUF minor units as euro cents (PaymentCheck refuses it before that, from the payment's own currency).
        params.setAmount(StripeAmounts.minorUnits(request.amount()))
                .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("claim_id", request.claimId())
                .putMetadata("idempotency_key", request.idempotencyKey());
        if (request.reasonCode() != null) {
            // Stripe's own reason has three values; the shop's accounting reason travels in the metadata.
            params.putMetadata("reason_code", request.reasonCode());
        }
        return params.build();
    }

    private boolean keyMayBeForgotten(RefundRequest request) {
        return request.firstAttemptedAt() != null && request.firstAttemptedAt().isBefore(clock.instant().minus(idempotencyWindow));
    }

    /**
     * The refund an earlier attempt of this request made on the payment, found by the metadata every refund is
     * created with: the claim, and the idempotency key (a refund made before the key was recorded there must have
     * the same amount). A refund that failed or was canceled moved no money, and does not count.
     */
    private Optional<com.stripe.model.Refund> earlierRefund(RefundRequest request) {
        RefundListParams.Builder list = RefundListParams.builder().setLimit(100L);
        if (request.paymentReference().startsWith("pi_")) {
            list.setPaymentIntent(request.paymentReference());
        } else {
            list.setCharge(request.paymentReference());
        }
        long amount = StripeAmounts.minorUnits(request.amount());
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                StripeCollection<com.stripe.model.Refund> refunds = stripe.v1().refunds().list(list.build());
                Optional<com.stripe.model.Refund> found = refunds.getData().stream()
                        .filter(refund -> madeBy(refund, request, amount)).findFirst();
                if (found.isPresent() || !Boolean.TRUE.equals(refunds.getHasMore()) || refunds.getData().isEmpty()) {
                    return found;
                }
                list.setStartingAfter(refunds.getData().get(refunds.getData().size() - 1).getId());
            }
            return Optional.empty();
        } catch (ApiConnectionException e) {
            throw ProviderAnswer.unreachable(PROVIDER, e);
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    private static boolean madeBy(com.stripe.model.Refund refund, RefundRequest request, long amount) {
        Map<String, String> metadata = refund.getMetadata() == null ? Map.of() : refund.getMetadata();
        if (!request.claimId().equals(metadata.get("claim_id"))
                || "failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
            return false;
        }
        String key = metadata.get("idempotency_key");
        return key != null ? key.equals(request.idempotencyKey()) : refund.getAmount() != null && refund.getAmount() == amount;
    }

    @Override
    public Optional<PaymentGateway.Refund> refundStatus(String refundId) {
        try {
            return Optional.of(refund(stripe.v1().refunds().retrieve(refundId)));
        } catch (ApiConnectionException e) {
            throw ProviderAnswer.unreachable(PROVIDER, e);
        } catch (StripeException e) {
            // Asking changes nothing: whatever went wrong, the refund waits and is asked about again later.
            throw ActionFailure.retryable("Stripe could not say how refund " + refundId + " stands: " + failure(e).getMessage(), e);
        }
    }

    private static PaymentGateway.Refund refund(com.stripe.model.Refund refund) {
        String id = refund.getId();
        String status = refund.getStatus() == null ? "" : refund.getStatus();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", "stripe");
        details.put("status", status);
        details.put("amount", refund.getAmount() == null ? 0L : refund.getAmount());
        details.put("currency", refund.getCurrency());
        return switch (status) {
            case "succeeded" -> new PaymentGateway.Refund(id, false, details);
            case "pending", "requires_action" -> new PaymentGateway.Refund(id, true, details);
            case "failed", "canceled" -> throw ActionFailure.needsReview("Stripe refund " + id + " " + status
                    + (refund.getFailureReason() != null ? ": " + refund.getFailureReason() : ""));
            default -> throw ActionFailure.retryable("Stripe refund " + id + " has an unknown status '" + status + "'", null);
        };
    }

    private ActionFailure failure(StripeException e) {
        StripeError error = e.getStripeError();
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        String code = e.getCode() == null ? "" : e.getCode();
        String message = error == null ? e.getMessage() : error.getMessage() == null ? "" : error.getMessage();
        String detail = (code.isEmpty() ? "" : code + ": ") + message;
        if (NEEDS_A_PERSON.contains(code)) {
            return ActionFailure.needsReview("Stripe: " + detail);
        }
        if (error != null && "idempotency_error".equals(error.getType()) && status != 409) {
            // The key was used before with other parameters: retrying the same request cannot succeed.
            return ActionFailure.permanent("Stripe: " + detail, null);
        }
        String retryAfter = error == null || error.getLastResponse() == null ? null
                : error.getLastResponse().headers().firstValue("Retry-After").orElse(null);
        return ProviderAnswer.failure(PROVIDER, status, retryAfter, detail, clock);
    }

    /** The SDK's settings for one shop's Stripe account. */
    private static final class Options extends StripeResponseGetterOptions {
        private final ProviderEndpoint endpoint;
        private final Authenticator authenticator;

        Options(ProviderEndpoint endpoint, String apiKey) {
            this.endpoint = endpoint;
            this.authenticator = new BearerTokenAuthenticator(apiKey);
        }

        @Override
        public Authenticator getAuthenticator() {
            return authenticator;
        }

        @Override
        public String getClientId() {
            return null;
        }

        @Override
        public int getConnectTimeout() {
            return Math.toIntExact(endpoint.connectTimeout().toMillis());
        }

        @Override
        public Proxy getConnectionProxy() {
            return null;
        }

        @Override
        public int getMaxNetworkRetries() {
            return 0;
        }

        @Override
        public PasswordAuthentication getProxyCredential() {
            return null;
        }

        @Override
        public String getApiBase() {
            return endpoint.baseUrl();
        }

        @Override
        public String getFilesBase() {
            return endpoint.baseUrl();
        }

        @Override
        public String getConnectBase() {
            return endpoint.baseUrl();
        }

        @Override
        public String getMeterEventsBase() {
            return endpoint.baseUrl();
        }

        @Override
        public int getReadTimeout() {
            return Math.toIntExact(endpoint.readTimeout().toMillis());
        }

        @Override
        public String getStripeAccount() {
            return null;
        }

        @Override
        public String getStripeContext() {
            return null;
        }
    }
}
