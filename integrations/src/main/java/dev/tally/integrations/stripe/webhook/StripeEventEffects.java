package dev.tally.integrations.stripe.webhook;

import dev.tally.integrations.stripe.StripeAmounts;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.billing.MarkInvoicePaid;
import dev.tally.api.billing.MarkInvoicePaymentFailed;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.HoldCredits;
import dev.tally.api.credits.ReversePurchase;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a verified Stripe event into the commands it asks for. An object without Tally's reference (metadata
 * {@code tallyAccountId} on a Checkout session, {@code tallyInvoiceId} on an invoice) belongs to another product on
 * the same Stripe account and is ignored. Instants on the commands are the engine's clock, as everywhere in Tally.
 */
@Component
public class StripeEventEffects {

    /** Metadata Tally's Checkout sessions carry: the account buying credits. */
    public static final String TALLY_ACCOUNT_ID = "tallyAccountId";
    /** Metadata the invoices Tally sends to Stripe carry: Tally's invoice id. */
    public static final String TALLY_INVOICE_ID = "tallyInvoiceId";

    private final PurchaseLedger purchases;
    private final Clock clock;

    public StripeEventEffects(PurchaseLedger purchases, Clock clock) {
        this.purchases = purchases;
        this.clock = clock;
    }

    /** A purchase's grant is named after its PaymentIntent, so its refunds and disputes find it. */
    public static String purchaseGrantId(String paymentIntentId) {
        return "stripe-" + paymentIntentId;
    }

    /**
     * The event's data object is read with Stripe's model class for its {@code object} whatever the event's API
     * version: stripe-java's version-checked {@code getObject()} gives nothing when that differs from the library's.
     */
    public StripeEffect of(Event event) {
        return switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    purchase(dataObject(event, Session.class));
            case "invoice.payment_succeeded" -> invoicePaid(dataObject(event, Invoice.class));
            case "invoice.payment_failed" -> invoicePaymentFailed(dataObject(event, Invoice.class));
            case "charge.refunded" -> refund(dataObject(event, Charge.class));
            case "charge.dispute.created" -> dispute(dataObject(event, Dispute.class));
            default -> StripeEffect.ignore("Tally does not act on " + event.getType() + " events");
        };
    }

    /**
     * A paid session grants its total as purchased credits. A session paid later (bank debits) completes unpaid and
     * grants on checkout.session.async_payment_succeeded; both name the same grant, so it is granted once.
     */
    private StripeEffect purchase(Session session) {
        String account = tallyReference(session.getMetadata(), TALLY_ACCOUNT_ID);
        if (account == null) {
            return StripeEffect.ignore("Checkout session " + session.getId() + " is not a Tally credit purchase");
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            return StripeEffect.ignore("Checkout session " + session.getId() + " is " + session.getPaymentStatus()
                    + ": its credits are granted once it is paid");
        }
        String paymentIntent = required(session.getPaymentIntent(), "payment_intent", session.getId());
        return StripeEffect.send(new GrantCredits(AccountId.of(account), purchaseGrantId(paymentIntent),
                GrantKind.PURCHASE, amount(session.getAmountTotal(), session.getCurrency(), session.getId()),
                clock.instant(), null, "Stripe Checkout " + session.getId()));
    }

    private StripeEffect invoicePaid(Invoice invoice) {
        String invoiceId = tallyReference(invoice.getMetadata(), TALLY_INVOICE_ID);
        if (invoiceId == null) {
            return StripeEffect.ignore("Stripe invoice " + invoice.getId() + " is not a Tally invoice");
        }
        return StripeEffect.send(new MarkInvoicePaid(InvoiceId.of(invoiceId), clock.instant(), invoice.getId()));
    }

    private StripeEffect invoicePaymentFailed(Invoice invoice) {
        String invoiceId = tallyReference(invoice.getMetadata(), TALLY_INVOICE_ID);
        if (invoiceId == null) {
            return StripeEffect.ignore("Stripe invoice " + invoice.getId() + " is not a Tally invoice");
        }
        return StripeEffect.send(new MarkInvoicePaymentFailed(InvoiceId.of(invoiceId), clock.instant(),
                failureOf(invoice)));
    }

    /** Stripe's invoice says which attempt failed and when it tries again; the decline itself is on the payment. */
    private static String failureOf(Invoice invoice) {
        StringBuilder reason = new StringBuilder("payment attempt ").append(invoice.getAttemptCount())
                .append(" of Stripe invoice ").append(invoice.getId()).append(" failed");
        StripeError error = invoice.getLastFinalizationError();
        if (error != null && error.getMessage() != null) {
            reason.append(": ").append(error.getMessage());
        }
        if (invoice.getNextPaymentAttempt() != null) {
            reason.append("; Stripe tries again at ").append(Instant.ofEpochSecond(invoice.getNextPaymentAttempt()));
        }
        return reason.toString();
    }

    /** {@code amount_refunded} is the charge's refunded total so far, so a repeat or an older total changes nothing. */
    private StripeEffect refund(Charge charge) {
        if (charge.getPaymentIntent() == null) {
            return StripeEffect.ignore("charge " + charge.getId() + " was not paid through Checkout");
        }
        String grantId = purchaseGrantId(charge.getPaymentIntent());
        String account = tallyReference(charge.getMetadata(), TALLY_ACCOUNT_ID);
        return StripeEffect.send(new ReversePurchase(account != null ? AccountId.of(account) : accountHolding(grantId),
                grantId, amount(charge.getAmountRefunded(), charge.getCurrency(), charge.getId()),
                "refunded in Stripe (charge " + charge.getId() + ")", clock.instant()));
    }

    private StripeEffect dispute(Dispute dispute) {
        if (dispute.getPaymentIntent() == null) {
            return StripeEffect.ignore("dispute " + dispute.getId() + " is not of a Checkout payment");
        }
        String grantId = purchaseGrantId(dispute.getPaymentIntent());
        return StripeEffect.send(new HoldCredits(accountHolding(grantId), "stripe-" + dispute.getId(), grantId,
                amount(dispute.getAmount(), dispute.getCurrency(), dispute.getId()),
                "disputed in Stripe (" + dispute.getId() + ", " + dispute.getReason() + ")", clock.instant()));
    }

    /**
     * NOT_FOUND when no account holds the purchase: it may not be recorded yet (Stripe does not promise order, and
     * the read model follows a moment behind), so the event is left for Stripe to deliver again.
     */
    private AccountId accountHolding(String grantId) {
        return purchases.accountHolding(grantId).orElseThrow(() -> DomainException.notFound(
                "no account holds the purchase " + grantId + " (yet)"));
    }

    private static String tallyReference(Map<String, String> metadata, String key) {
        String value = metadata == null ? null : metadata.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    private static Money amount(Long minorUnits, String currency, String objectId) {
        return StripeAmounts.money(required(minorUnits, "amount", objectId), required(currency, "currency", objectId));
    }

    private static <T> T required(T value, String field, String objectId) {
        if (value == null) {
            throw DomainException.validation("Stripe object " + objectId + " has no " + field);
        }
        return value;
    }

    private static <T> T dataObject(Event event, Class<T> type) {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            object = null;
        }
        if (!type.isInstance(object)) {
            throw DomainException.validation("Stripe event " + event.getId() + " of type " + event.getType()
                    + " does not carry a readable " + type.getSimpleName());
        }
        return type.cast(object);
    }
}
