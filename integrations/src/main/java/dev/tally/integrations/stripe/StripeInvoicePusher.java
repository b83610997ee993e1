package dev.tally.integrations.stripe;

import dev.tally.api.InvoiceId;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.RecordStripeInvoice;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Sends one finalized invoice to Stripe and records it on the invoice ({@code RecordStripeInvoice}). Safe to repeat
 * from the start: an invoice recorded as sent, or voided, is left alone, and every Stripe call carries an
 * idempotency key made from the invoice id.
 */
@Component
public class StripeInvoicePusher {

    /** What a push did. */
    enum Outcome { SENT, ALREADY_SENT, VOIDED }

    /** What {@link #push} sent, for the log. */
    record Result(Outcome outcome, String stripeInvoiceId) {
    }

    private final InvoiceEvents invoices;
    private final PayingAccounts accounts;
    private final StripeCustomers customers;
    private final StripeGateway stripe;
    private final CommandGateway commands;
    private final Clock clock;

    public StripeInvoicePusher(InvoiceEvents invoices, PayingAccounts accounts, StripeCustomers customers,
                               StripeGateway stripe, CommandGateway commands, Clock clock) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.customers = customers;
        this.stripe = stripe;
        this.commands = commands;
        this.clock = clock;
    }

    /** Throws when anything on the way fails; the caller retries. */
    Result push(InvoiceId invoiceId) {
        InvoiceHistory history = invoices.historyOf(invoiceId);
        if (history.sent() != null) {
            return new Result(Outcome.ALREADY_SENT, history.sent().stripeInvoiceId());
        }
        if (history.voided() != null) {
            return new Result(Outcome.VOIDED, null);
        }
        InvoiceFinalized finalized = history.finalized();
        InvoiceDrafted drafted = history.drafted();
        if (finalized == null || drafted == null) {
            throw new IllegalStateException("invoice " + invoiceId + " has no drafted and finalized events");
        }
        PayingAccount account = accounts.find(finalized.accountId()).orElseThrow(() -> new IllegalStateException(
                "account " + finalized.accountId() + " is not in the accounts read model yet"));
        String stripeInvoiceId = stripe.pushInvoice(new OutgoingInvoice(invoiceId, finalized.number(),
                customers.customerOf(account), finalized.total().currency(), InvoiceItems.of(drafted)));
        commands.sendAndWait(new RecordStripeInvoice(invoiceId, stripeInvoiceId, clock.instant()));
        return new Result(Outcome.SENT, stripeInvoiceId);
    }
}
