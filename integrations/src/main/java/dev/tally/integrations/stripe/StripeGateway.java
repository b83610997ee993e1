package dev.tally.integrations.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceFinalizeInvoiceParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every call Tally makes to Stripe's API. Its own {@link StripeClient} (never stripe-java's global settings), so the
 * API base (TALLY_STRIPE_API_BASE, for tests) and the timeouts apply to this engine only. stripe-java's retries are
 * off: a purchase is retried by its customer, an invoice by its durable task, and both must see a failure at once.
 * Creating calls carry idempotency keys made from Tally's ids, so a call repeated after a timeout is answered with
 * the first result instead of making a second customer or invoice (Stripe keeps a key for 24 hours).
 *
 * <p>A failure is a {@link DomainException}: INTEGRATION_DISABLED without an API key, PAYMENT_PROVIDER_ERROR when
 * Stripe refuses or cannot be reached, with a message fit for an API client.
 */
@Component
public class StripeGateway {

    static final String DISABLED = "Stripe is not configured: set STRIPE_API_KEY";
    static final String PRODUCT_NAME = "Tally credits";

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    private final StripeProperties properties;
    private final StripeClient client;

    public StripeGateway(StripeProperties properties, StripeHttpProperties http) {
        this.properties = properties;
        this.client = properties.enabled() ? new StripeClient.StripeClientBuilder()
                .setApiKey(properties.apiKey())
                .setApiBase(properties.apiBase())
                .setConnectTimeout(millis(http.connectTimeout()))
                .setReadTimeout(millis(http.readTimeout()))
                .setMaxNetworkRetries(0)
                .build() : null;
    }

    public boolean enabled() {
        return client != null;
    }

    /** INTEGRATION_DISABLED unless an API key is configured. */
    public void requireEnabled() {
        if (!enabled()) {
            throw new DomainException(ErrorCode.INTEGRATION_DISABLED, DISABLED);
        }
    }

    /** The account's Stripe customer; made once per account, whoever asks and however often. */
    public String createCustomer(AccountId accountId, String email, String name) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setEmail(email)
                .setName(name)
                .putMetadata(StripeMetadata.ACCOUNT_ID, accountId.value())
                .build();
        return call("create the Stripe customer of account " + accountId,
                stripe -> stripe.customers().create(params, key("tally-customer-" + accountId))).getId();
    }

    /**
     * A Checkout Session paying {@code amount} for credits. Each call is a new session: a customer who comes back
     * later pays in a new one. The metadata, on the session and on its payment, is what a webhook grants from.
     */
    public CheckoutSession createCheckoutSession(AccountId accountId, String customerId, Money amount) {
        Map<String, String> metadata = Map.of(
                StripeMetadata.ACCOUNT_ID, accountId.value(),
                StripeMetadata.AMOUNT, amount.display(),
                StripeMetadata.CURRENCY, amount.currency().getCurrencyCode());
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomer(customerId)
                .setClientReferenceId(accountId.value())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(stripeCurrency(amount.currency()))
                                .setUnitAmount(StripeAmounts.minorUnits(amount))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(PRODUCT_NAME)
                                        .build())
                                .build())
                        .build())
                .putAllMetadata(metadata)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putAllMetadata(metadata)
                        .build())
                .setSuccessUrl(properties.successUrl())
                .setCancelUrl(properties.cancelUrl())
                .build();
        Session session = call("start a Stripe checkout for account " + accountId,
                stripe -> stripe.checkout().sessions().create(params));
        return new CheckoutSession(session.getId(), session.getUrl());
    }

    /**
     * Sends a finalized invoice and returns its Stripe id: a draft invoice, its items attached to it, then
     * finalized, after which Stripe charges the customer. Items are attached to their invoice rather than left
     * pending on the customer, so two invoices of one customer sent at once can never take each other's items.
     * Every step has its own key, so the whole push can be repeated from the start after any failure.
     */
    public String pushInvoice(OutgoingInvoice invoice) {
        String key = "tally-invoice-" + invoice.invoiceId();
        String currency = stripeCurrency(invoice.currency());
        String what = "send invoice " + invoice.invoiceId() + " to Stripe";
        InvoiceCreateParams draft = InvoiceCreateParams.builder()
                .setCustomer(invoice.customerId())
                .setCurrency(currency)
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY)
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
                // Stripe would finalize a draft by itself after an hour, even one whose items are not all in yet.
                .setAutoAdvance(false)
                .setDescription("Tally invoice " + invoice.number())
                .putMetadata(StripeMetadata.INVOICE_ID, invoice.invoiceId().value())
                .putMetadata(StripeMetadata.INVOICE_NUMBER, invoice.number())
                .build();
        String stripeInvoiceId = call(what, stripe -> stripe.invoices().create(draft, key(key))).getId();
        List<OutgoingInvoice.Item> items = invoice.items();
        for (int n = 1; n <= items.size(); n++) {
            OutgoingInvoice.Item item = items.get(n - 1);
            InvoiceItemCreateParams params = InvoiceItemCreateParams.builder()
                    .setCustomer(invoice.customerId())
                    .setInvoice(stripeInvoiceId)
                    .setCurrency(currency)
                    .setAmount(StripeAmounts.minorUnits(item.amount()))
                    .setDescription(item.description())
                    .putMetadata(StripeMetadata.INVOICE_ID, invoice.invoiceId().value())
                    .build();
            RequestOptions itemKey = key(key + "-item-" + n);
            call(what, stripe -> stripe.invoiceItems().create(params, itemKey));
        }
        InvoiceFinalizeInvoiceParams finalizing = InvoiceFinalizeInvoiceParams.builder().setAutoAdvance(true).build();
        Invoice finalized = call(what, stripe -> stripe.invoices()
                .finalizeInvoice(stripeInvoiceId, finalizing, key(key + "-finalize")));
        return finalized.getId();
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T on(StripeClient stripe) throws StripeException;
    }

    private <T> T call(String what, StripeCall<T> call) {
        requireEnabled();
        try {
            return call.on(client);
        } catch (StripeException e) {
            log.debug("Stripe call failed: could not {}", what, e);
            throw new DomainException(ErrorCode.PAYMENT_PROVIDER_ERROR, "Could not " + what + ": " + describe(e));
        }
    }

    /** Why, in a line a client may read: never the API key, never a stack trace. */
    static String describe(StripeException e) {
        if (e instanceof ApiConnectionException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "Stripe could not be reached (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        }
        String request = e.getRequestId() == null ? "" : ", request " + e.getRequestId();
        Integer status = e.getStatusCode();
        if (status != null && status >= 500) {
            return "Stripe answered HTTP " + status + request + "; try again later";
        }
        String reason = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : "refused";
        return "Stripe refused it: " + reason + " (HTTP " + status + request + ")";
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static String stripeCurrency(Currency currency) {
        return currency.getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
