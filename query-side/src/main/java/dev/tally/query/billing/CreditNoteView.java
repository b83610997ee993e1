package dev.tally.query.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;

import java.time.Instant;

/** A credit note against an invoice: part of it credited back, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditNoteView(String id, MoneyView amount, String reason, Instant issuedAt) {
}
