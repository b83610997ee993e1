package dev.tally.api.account;

import dev.tally.api.AccountId;

/** From now on the identity provider's user {@code subject} signs in as this account. */
public record SubjectLinked(AccountId accountId, String subject) {
}
