package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;

import java.time.Instant;

/**
 * A window of usage that could not be rated ({@code reason}: no price book, or no version in force at its start). It
 * is recorded, never dropped, so it can be charged by an explicit correction once prices exist.
 */
public record UsageLeftUnrated(AccountId accountId, String usageId, EnvironmentId environmentId, Instant from, Instant to,
                               String reason) {
}
