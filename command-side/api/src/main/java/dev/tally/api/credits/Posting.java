package dev.tally.api.credits;

import dev.tally.api.Money;

/** One movement of {@code amount} from {@code debit} to {@code credit}: the two sides always match. */
public record Posting(LedgerAccount debit, LedgerAccount credit, Money amount) {
}
