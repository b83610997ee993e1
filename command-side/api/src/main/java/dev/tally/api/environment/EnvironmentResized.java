package dev.tally.api.environment;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;

import java.time.Instant;

public record EnvironmentResized(EnvironmentId environmentId, AccountId accountId, Resources resources, Instant at) {
}
