package dev.tally.api.environment;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;

import java.time.Instant;

public record EnvironmentRegistered(EnvironmentId environmentId,
                                    AccountId accountId,
                                    ClusterId clusterId,
                                    String name,
                                    String namespace,
                                    String tier,
                                    Integer maxUptimeMinutes,
                                    Instant registeredAt) {
}
