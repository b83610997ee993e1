package dev.tally.api.credits;

import dev.tally.api.Money;

import java.time.Instant;

public record VoucherCreated(String code, Money amount, int maxRedemptions, Instant expiresAt, Instant createdAt) {
}
