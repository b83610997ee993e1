package dev.tally.query.credits;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;

import java.time.Instant;

/** One posting of an account's ledger, with the event behind it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntryView(String eventId,
                              Instant at,
                              String kind,
                              String debit,
                              String credit,
                              MoneyView amount,
                              MoneyView balanceAfter,
                              String grantId,
                              String invoiceId) {
}
