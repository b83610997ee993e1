package dev.tally.api.environment;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;

import java.time.Instant;

public record EnvironmentDeleted(EnvironmentId environmentId, AccountId accountId, ClusterId clusterId, Instant at) {
}
