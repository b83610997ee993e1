package dev.tally.api.account;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Currency;

/** Opens a customer account. {@code subject} links an identity provider's user; {@code priceBookId} is optional. */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId,
                          String email,
                          String name,
                          Currency currency,
                          BillingMode billingMode,
                          String subject,
                          String priceBookId,
                          Instant openedAt) {
}
