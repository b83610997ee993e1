package dev.tally.api.credits;

import dev.tally.api.Money;

/** The part of a grant that a charge (or a debt settlement) used. */
public record GrantUse(String grantId, Money amount) {
}
