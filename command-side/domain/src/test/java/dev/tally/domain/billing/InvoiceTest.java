package dev.tally.domain.billing;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.DraftInvoice;
import dev.tally.api.billing.FinalizeInvoice;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.InvoicePaymentFailed;
import dev.tally.api.billing.InvoiceVoided;
import dev.tally.api.billing.IssueCreditNote;
import dev.tally.api.billing.MarkInvoicePaid;
import dev.tally.api.billing.MarkInvoicePaymentFailed;
import dev.tally.api.billing.VoidInvoice;
import dev.tally.domain.InMemoryAxon;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An invoice's life: numbered gap-free per year when finalized, paid or failed, voided, credited. */
class InvoiceTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant CLOSED = Instant.parse("2026-02-01T00:01:00Z");
    private static final Instant FINALIZED = Instant.parse("2026-02-02T09:00:00Z");

    private InMemoryAxon axon;

    @BeforeEach
    void setUp() {
        axon = new InMemoryAxon(CLOSED);
        axon.register(Invoice.class, new InvoiceNumbering(axon.register(InvoiceNumbers.class)));
    }

    private InvoiceId draft(String id, String total) {
        InvoiceId invoiceId = InvoiceId.of(id);
        Money amount = Money.of(total, "EUR");
        axon.send(new DraftInvoice(invoiceId, ACME, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), BillingMode.POSTPAID, List.of(), amount,
                Money.of("0", "EUR"), amount, CLOSED));
        return invoiceId;
    }

    private List<Object> events(InvoiceId invoiceId) {
        return axon.events(invoiceId.aggregateId());
    }

    private <T> T last(InvoiceId invoiceId, Class<T> type) {
        return events(invoiceId).stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
    }

    private static void assertConflict(Runnable command) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(DomainException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void finalizedInvoicesAreNumberedOneAfterAnotherPerYear() {
        InvoiceId first = draft("inv-1", "46.70");
        InvoiceId second = draft("inv-2", "10.00");
        InvoiceId nextYear = draft("inv-3", "5.00");

        axon.send(new FinalizeInvoice(first, FINALIZED));
        axon.send(new FinalizeInvoice(second, FINALIZED));
        axon.send(new FinalizeInvoice(nextYear, Instant.parse("2027-01-01T00:00:00Z")));

        assertThat(last(first, InvoiceFinalized.class).number()).isEqualTo("2026-000001");
        assertThat(last(second, InvoiceFinalized.class).number()).isEqualTo("2026-000002");
        assertThat(last(nextYear, InvoiceFinalized.class).number()).isEqualTo("2027-000001");
        assertThat(last(first, InvoiceFinalized.class).dueAt()).isEqualTo(FINALIZED.plus(Invoice.PAYMENT_TERMS));
    }

    @Test
    void aRefusedFinalizationTakesNoNumber() {
        InvoiceId voided = draft("inv-1", "1.00");
        InvoiceId next = draft("inv-2", "2.00");
        axon.send(new VoidInvoice(voided, "closed by mistake", FINALIZED));

        assertConflict(() -> axon.send(new FinalizeInvoice(voided, FINALIZED)));
        axon.send(new FinalizeInvoice(next, FINALIZED));

        assertThat(last(next, InvoiceFinalized.class).number()).isEqualTo("2026-000001");
    }

    @Test
    void finalizingTwiceChangesNothing() {
        InvoiceId invoice = draft("inv-1", "1.00");
        axon.send(new FinalizeInvoice(invoice, FINALIZED));
        int before = events(invoice).size();

        axon.send(new FinalizeInvoice(invoice, FINALIZED.plusSeconds(60)));

        assertThat(events(invoice)).hasSize(before);
    }

    @Test
    void anInvoiceWithNothingDueIsSettledWhenFinalized() {
        InvoiceId invoice = draft("inv-1", "0");

        axon.send(new FinalizeInvoice(invoice, FINALIZED));

        assertThat(last(invoice, InvoicePaid.class).amount()).isEqualTo(Money.of("0", "EUR"));
    }

    @Test
    void aFinalizedInvoiceIsPaidOnceAndLaterFailuresChangeNothing() {
        InvoiceId invoice = draft("inv-1", "46.70");
        axon.send(new FinalizeInvoice(invoice, FINALIZED));

        axon.send(new MarkInvoicePaymentFailed(invoice, FINALIZED.plusSeconds(10), "card declined"));
        axon.send(new MarkInvoicePaid(invoice, FINALIZED.plusSeconds(20), "in_1"));
        axon.send(new MarkInvoicePaid(invoice, FINALIZED.plusSeconds(30), "in_1"));
        axon.send(new MarkInvoicePaymentFailed(invoice, FINALIZED.plusSeconds(40), "late webhook"));

        assertThat(events(invoice)).extracting(Object::getClass).containsExactly(
                InvoiceDrafted.class, InvoiceFinalized.class, InvoicePaymentFailed.class,
                InvoicePaid.class);
        assertThat(last(invoice, InvoicePaid.class).amount()).isEqualTo(Money.of("46.70", "EUR"));
    }

    @Test
    void aDraftCannotBePaid() {
        InvoiceId invoice = draft("inv-1", "46.70");

        assertConflict(() -> axon.send(new MarkInvoicePaid(invoice, FINALIZED, "in_1")));
    }

    @Test
    void aPaidInvoiceCannotBeVoidedButADraftCan() {
        InvoiceId paid = draft("inv-1", "0");
        InvoiceId draft = draft("inv-2", "3.00");
        axon.send(new FinalizeInvoice(paid, FINALIZED));

        assertConflict(() -> axon.send(new VoidInvoice(paid, "wrong", FINALIZED)));
        axon.send(new VoidInvoice(draft, "wrong", FINALIZED));

        assertThat(last(draft, InvoiceVoided.class).reason()).isEqualTo("wrong");
    }

    @Test
    void creditNotesGiveBackUpToWhatTheInvoiceCharged() {
        InvoiceId invoice = draft("inv-1", "46.70");
        assertConflict(() -> axon.send(credit(invoice, "cn-0", "1.00")));
        axon.send(new FinalizeInvoice(invoice, FINALIZED));

        axon.send(credit(invoice, "cn-1", "40.00"));
        axon.send(credit(invoice, "cn-1", "40.00"));
        assertConflict(() -> axon.send(credit(invoice, "cn-1", "41.00")));
        assertConflict(() -> axon.send(credit(invoice, "cn-2", "6.71")));
        axon.send(credit(invoice, "cn-2", "6.70"));

        assertThat(events(invoice).stream().filter(CreditNoteIssued.class::isInstance)).hasSize(2);
    }

    @Test
    void paymentOfACreditedInvoiceIsWhatIsLeftOfIt() {
        InvoiceId invoice = draft("inv-1", "46.70");
        axon.send(new FinalizeInvoice(invoice, FINALIZED));
        axon.send(credit(invoice, "cn-1", "6.70"));

        axon.send(new MarkInvoicePaid(invoice, FINALIZED.plusSeconds(60), "in_1"));

        assertThat(last(invoice, InvoicePaid.class).amount()).isEqualTo(Money.of("40.00", "EUR"));
    }

    private static IssueCreditNote credit(InvoiceId invoice, String id, String amount) {
        return new IssueCreditNote(invoice, id, Money.of(amount, "EUR"), "goodwill", FINALIZED);
    }
}
