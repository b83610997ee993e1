package dev.tally.domain.billing;

import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Numbers invoices in the unit of work that finalizes them, through the year's {@link InvoiceNumbers}: it stays
 * locked until that work commits, so two finalizations never take the same number, and a failed one takes none.
 */
@Component
public class InvoiceNumbering {

    private final Repository<InvoiceNumbers> numbers;

    InvoiceNumbering(Repository<InvoiceNumbers> invoiceNumbersRepository) {
        this.numbers = invoiceNumbersRepository;
    }

    /** The next number of the year (UTC) of {@code finalizedAt}. */
    public String next(InvoiceId invoiceId, Instant finalizedAt) {
        int year = finalizedAt.atZone(ZoneOffset.UTC).getYear();
        try {
            return numbers.load(InvoiceNumbers.aggregateIdOf(year)).invoke(book -> book.next(invoiceId));
        } catch (AggregateNotFoundException firstOfTheYear) {
            return startYear(year, invoiceId);
        }
    }

    private String startYear(int year, InvoiceId invoiceId) {
        try {
            return numbers.newInstance(() -> new InvoiceNumbers(year, invoiceId)).invoke(InvoiceNumbers::lastNumber);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the invoice numbers of " + year, e);
        }
    }
}
