package dev.tally.api.account;

import java.time.Instant;

/** An account as the HTTP API shows it. */
public record AccountView(String id,
                          String email,
                          String name,
                          String currency,
                          BillingMode billingMode,
                          AccountStatus status,
                          String subject,
                          String priceBookId,
                          Instant openedAt) {
}
