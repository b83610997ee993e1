package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Links an identity provider's user ({@code subject}) to an account that has none. An account has one subject:
 * linking another is a conflict, the same one again changes nothing.
 */
public record LinkSubject(@TargetAggregateIdentifier AccountId accountId, String subject) {
}
