package dev.tally.api.account;

import dev.tally.api.AccountId;

import java.time.Instant;
import java.util.Currency;

public record AccountOpened(AccountId accountId,
                            String email,
                            String name,
                            Currency currency,
                            BillingMode billingMode,
                            String subject,
                            String priceBookId,
                            Instant openedAt) {
}
