package dev.tally.integrations.stripe;

import dev.tally.api.DomainException;
import dev.tally.api.InvoiceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;

/**
 * One try at sending an invoice to Stripe, and what its task should do next: done, or try again after
 * {@link PushBackoff}. A failure is reported once per streak, in one line without a stack trace, so a Stripe
 * outage of a day does not fill the log; the invoice stays pending (no InvoiceSentToStripe) until a try succeeds.
 */
@Component
class StripeInvoiceJob {

    private static final Logger log = LoggerFactory.getLogger(StripeInvoiceJob.class);

    /** What the task does after a try. */
    sealed interface Next {

        record RetryAfter(Duration delay, PushAttempts attempts) implements Next {
        }

        record Done() implements Next {
        }
    }

    private final PushBackoff backoff = PushBackoff.DEFAULT;
    private final StripeInvoicePusher pusher;

    StripeInvoiceJob(StripeInvoicePusher pusher) {
        this.pusher = pusher;
    }

    Next run(InvoiceId invoiceId, PushAttempts attempts) {
        StripeInvoicePusher.Result result;
        try {
            result = pusher.push(invoiceId);
        } catch (RuntimeException e) {
            PushAttempts failed = attempts.failedAgain();
            Duration delay = backoff.delayAfter(failed.consecutiveFailures());
            if (failed.startsStreak()) {
                log.warn("Invoice {} could not be sent to Stripe: {}; it stays pending, retried in {} and then "
                                + "backing off up to every {}, with no further warning until it is sent", invoiceId,
                        e.getMessage(), human(delay), human(backoff.longest()));
            } else {
                log.debug("Invoice {} failed {} times in a row; next try in {}: {}", invoiceId,
                        failed.consecutiveFailures(), human(delay), e.getMessage());
            }
            if (!(e instanceof DomainException)) {
                log.debug("Invoice {} push failure in full", invoiceId, e);
            }
            return new Next.RetryAfter(delay, failed);
        }
        switch (result.outcome()) {
            case SENT -> log.info("Invoice {} was sent to Stripe as {}{}", invoiceId, result.stripeInvoiceId(),
                    attempts.consecutiveFailures() == 0 ? ""
                            : " after " + attempts.consecutiveFailures() + " failed tries");
            case ALREADY_SENT -> log.debug("Invoice {} is already in Stripe as {}", invoiceId,
                    result.stripeInvoiceId());
            case VOIDED -> log.info("Invoice {} was voided before it was sent: it is not sent to Stripe", invoiceId);
        }
        return new Next.Done();
    }

    /** PT2M as "2m", PT1H30M as "1h30m". */
    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
