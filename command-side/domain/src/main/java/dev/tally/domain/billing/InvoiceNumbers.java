package dev.tally.domain.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.InvoiceId;
import dev.tally.api.billing.InvoiceNumberAllocated;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The invoice numbers of one year, handed out one after another. A number is taken in the transaction that
 * finalizes its invoice, so a finalization that fails takes none, and the numbers of a year have no gaps.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class InvoiceNumbers {

    @AggregateIdentifier
    private String aggregateId;
    private int year;
    private int last;

    InvoiceNumbers() {
    }

    InvoiceNumbers(int year, InvoiceId first) {
        allocate(year, 1, first);
    }

    static String aggregateIdOf(int year) {
        return year + "/invoice-numbers";
    }

    /** Takes the next number, e.g. 2026-000042. */
    String next(InvoiceId invoiceId) {
        allocate(year, last + 1, invoiceId);
        return lastNumber();
    }

    String lastNumber() {
        return format(year, last);
    }

    private static void allocate(int year, int sequence, InvoiceId invoiceId) {
        apply(new InvoiceNumberAllocated(year, sequence, format(year, sequence), invoiceId));
    }

    private static String format(int year, int sequence) {
        return "%d-%06d".formatted(year, sequence);
    }

    @EventSourcingHandler
    void on(InvoiceNumberAllocated event) {
        aggregateId = aggregateIdOf(event.year());
        year = event.year();
        last = event.sequence();
    }
}
