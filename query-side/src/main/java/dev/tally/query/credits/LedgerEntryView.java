package dev.tally.query.credits;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;

import java.time.Instant;

/**
 * One posting of an account's ledger, with the event behind it ({@code posting} numbers the postings of one event).
 * A usage charge names the usage it rated ({@code usageId}, the UsageMeasured event's id) and the price book
 * version it used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntryView(String eventId,
                              int posting,
                              Instant at,
                              String kind,
                              String debit,
                              String credit,
                              MoneyView amount,
                              MoneyView balanceAfter,
                              String grantId,
                              String usageId,
                              String priceBookId,
                              Integer priceVersion,
                              String invoiceId) {
}
