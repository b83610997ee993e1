package dev.tally.integrations.stripe;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.InvoiceFinalized;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class StripeInvoiceSchedulerTest {

    static final Instant FINALIZED = Instant.parse("2026-02-01T00:05:00Z");

    final Scheduler scheduler = mock(Scheduler.class);

    @Test
    void aFinalizedPostpaidInvoiceIsScheduledOnceUnderItsOwnId() {
        handler(FakeStripe.API_KEY).on(finalized(BillingMode.POSTPAID));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<SchedulableInstance<PushAttempts>> scheduled =
                ArgumentCaptor.forClass(SchedulableInstance.class);
        verify(scheduler).scheduleIfNotExists(scheduled.capture());
        SchedulableInstance<PushAttempts> instance = scheduled.getValue();
        assertThat(instance.getTaskName()).isEqualTo("stripe-invoice");
        assertThat(instance.getId()).isEqualTo("acme-2026-01");
        assertThat(instance.getTaskInstance().getData()).isEqualTo(PushAttempts.none());
        assertThat(instance.getNextExecutionTime(FINALIZED.plusSeconds(5))).isEqualTo(FINALIZED);
    }

    @Test
    void theTaskIsLookedForAsSoonAsTheEventsTransactionCommits() {
        when(scheduler.scheduleIfNotExists(any(SchedulableInstance.class))).thenReturn(true);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        handler(FakeStripe.API_KEY).on(finalized(BillingMode.POSTPAID));

        verify(scheduler, never()).triggerCheckForDueExecutions();
        unitOfWork.commit();
        verify(scheduler).triggerCheckForDueExecutions();
    }

    @Test
    void aPrepaidInvoiceIsNotSentToStripe() {
        handler(FakeStripe.API_KEY).on(finalized(BillingMode.PREPAID));

        verifyNoInteractions(scheduler);
    }

    @Test
    void anInvoiceWithNothingDueIsNotSentToStripe() {
        handler(FakeStripe.API_KEY).on(finalized(BillingMode.POSTPAID, "0"));

        verifyNoInteractions(scheduler);
    }

    @Test
    void withoutStripeNothingIsScheduled() {
        handler(null).on(finalized(BillingMode.POSTPAID));

        verifyNoInteractions(scheduler);
    }

    @Test
    void isASideEffectThatAReplayNeverRepeats() {
        assertThat(new AnnotationEventHandlerAdapter(handler(FakeStripe.API_KEY)).supportsReset()).isFalse();
        assertThat(StripeInvoiceScheduler.class.getAnnotation(ProcessingGroup.class).value())
                .isEqualTo("stripe-invoices");
    }

    private StripeInvoiceScheduler handler(String apiKey) {
        return new StripeInvoiceScheduler(scheduler, new StripeProperties(apiKey, null, null, null, null));
    }

    private static InvoiceFinalized finalized(BillingMode mode) {
        return finalized(mode, "46.70");
    }

    private static InvoiceFinalized finalized(BillingMode mode, String total) {
        return new InvoiceFinalized(InvoiceId.of("acme-2026-01"), AccountId.of("acme"), "2026-000001", mode,
                Money.of(total, "EUR"), FINALIZED, FINALIZED.plusSeconds(14 * 86_400));
    }
}
