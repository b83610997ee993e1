package dev.tally.integrations.stripe;

import com.github.kagkarlsson.scheduler.serializer.JavaSerializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.tally.api.InvoiceId;
import dev.tally.integrations.stripe.StripeInvoiceJob.Next;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

class StripeInvoiceTaskTest {

    static final Instant DONE = Instant.parse("2026-02-01T00:05:04Z");

    @SuppressWarnings("unchecked")
    final ExecutionOperations<PushAttempts> operations = mock(ExecutionOperations.class);
    final ExecutionComplete complete = ExecutionComplete.simulatedSuccess(DONE);

    @Test
    void triesTheInvoiceItsInstanceIsNamedForAndWaitsAsTheJobSays() {
        StripeInvoiceJob job = mock(StripeInvoiceJob.class);
        when(job.run(InvoiceId.of("acme-2026-01"), new PushAttempts(2)))
                .thenReturn(new Next.RetryAfter(Duration.ofMinutes(2), new PushAttempts(3)));
        @SuppressWarnings("unchecked")
        ObjectProvider<StripeInvoiceJob> jobs = mock(ObjectProvider.class);
        when(jobs.getObject()).thenReturn(job);
        Task<PushAttempts> task = new StripeInvoiceTask().stripeInvoice(jobs);

        task.execute(new TaskInstance<>("stripe-invoice", "acme-2026-01", new PushAttempts(2)), null)
                .complete(complete, operations);

        assertThat(task.getName()).isEqualTo("stripe-invoice");
        verify(operations).reschedule(complete, DONE.plus(Duration.ofMinutes(2)), new PushAttempts(3));
        verifyNoMoreInteractions(operations);
    }

    @Test
    void anInvoiceInStripeIsDone() {
        StripeInvoiceTask.completion(new Next.Done()).complete(complete, operations);

        verify(operations).remove();
        verifyNoMoreInteractions(operations);
    }

    @Test
    void theFailureStreakSurvivesTheSchedulersSerialization() {
        JavaSerializer serializer = new JavaSerializer();

        assertThat(serializer.deserialize(PushAttempts.class, serializer.serialize(new PushAttempts(3))))
                .isEqualTo(new PushAttempts(3));
    }
}
