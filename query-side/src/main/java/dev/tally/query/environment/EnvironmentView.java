package dev.tally.query.environment;

import dev.tally.api.environment.EnvironmentStatus;

import java.time.Instant;

/** GET /environments/{id}: an environment, its owner and cluster, its size (null until resized) and status. */
public record EnvironmentView(String id,
                              String accountId,
                              String clusterId,
                              String name,
                              String namespace,
                              String tier,
                              Integer maxUptimeMinutes,
                              EnvironmentStatus status,
                              String cpuCores,
                              Long memoryBytes,
                              Integer gpus,
                              Instant registeredAt,
                              Instant updatedAt) {
}
