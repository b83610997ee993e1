package dev.tally.integrations.stripe;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.InvoiceFinalized;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Schedules a finalized postpaid invoice to be sent to Stripe ({@link StripeInvoiceTask}); prepaid invoices were
 * paid from credits, and one with nothing due is settled already. It only schedules, in the transaction that advances this processor's token, so the Stripe
 * calls never hold up the processor and a failing Stripe never stops it. A side effect, so it is never replayed;
 * a redelivered event finds the task already scheduled (or the invoice already sent) and changes nothing.
 *
 * <p>While Stripe is not configured, finalized invoices are not scheduled at all: configuring Stripe later does
 * not send (and charge) invoices that were settled some other way in the meantime.
 */
@Component
@ProcessingGroup(StripeInvoiceScheduler.PROCESSING_GROUP)
@DisallowReplay
public class StripeInvoiceScheduler {

    public static final String PROCESSING_GROUP = "stripe-invoices";

    private static final Logger log = LoggerFactory.getLogger(StripeInvoiceScheduler.class);

    private final Scheduler scheduler;
    private final StripeProperties stripe;

    public StripeInvoiceScheduler(Scheduler scheduler, StripeProperties stripe) {
        this.scheduler = scheduler;
        this.stripe = stripe;
    }

    @EventHandler
    void on(InvoiceFinalized event) {
        if (event.billingMode() != BillingMode.POSTPAID || !event.total().isPositive()) {
            return;
        }
        if (!stripe.enabled()) {
            log.debug("Invoice {} is not sent to Stripe: Stripe is not configured", event.invoiceId());
            return;
        }
        boolean scheduled = scheduler.scheduleIfNotExists(StripeInvoiceTask.TASK
                .instance(event.invoiceId().value())
                .data(PushAttempts.none())
                .scheduledTo(event.finalizedAt()));
        if (scheduled) {
            // db-scheduler looks for due work as a task is scheduled, which is before this transaction commits and
            // the task can be seen; look again once it can, rather than at the next poll. Under the test clock,
            // which stands still, there is no next poll until the clock is moved.
            CurrentUnitOfWork.ifStarted(unitOfWork ->
                    unitOfWork.afterCommit(committed -> scheduler.triggerCheckForDueExecutions()));
        }
    }
}
