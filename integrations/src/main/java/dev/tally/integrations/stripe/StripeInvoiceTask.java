package dev.tally.integrations.stripe;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tally.api.InvoiceId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable sending of finalized invoices to Stripe: one db-scheduler execution per invoice (instance id = the
 * invoice id, so an invoice is scheduled once however often its event is delivered), which reschedules itself with
 * a backoff until the invoice is in Stripe and then removes itself. It lives in PostgreSQL, so an invoice waiting
 * for Stripe survives a restart and is tried by one node at a time.
 *
 * <p>Like the cluster collection, a failed try is not thrown to db-scheduler (which would log a stack trace every
 * time and retry on its own timetable): the run reports what should happen next, and the failure streak is written
 * with the execution's row.
 */
@Configuration(proxyBeanMethods = false)
public class StripeInvoiceTask {

    public static final TaskDescriptor<PushAttempts> TASK = TaskDescriptor.of("stripe-invoice", PushAttempts.class);

    /** The job is looked up when a run starts: the Scheduler is built from every task bean, before the gateway. */
    @Bean
    Task<PushAttempts> stripeInvoice(ObjectProvider<StripeInvoiceJob> job) {
        return Tasks.custom(TASK).execute((instance, context) -> completion(
                job.getObject().run(InvoiceId.of(instance.getId()), instance.getData())));
    }

    static CompletionHandler<PushAttempts> completion(StripeInvoiceJob.Next next) {
        return (complete, operations) -> {
            switch (next) {
                case StripeInvoiceJob.Next.RetryAfter retry ->
                        operations.reschedule(complete, complete.getTimeDone().plus(retry.delay()), retry.attempts());
                case StripeInvoiceJob.Next.Done done -> operations.remove();
            }
        };
    }
}
