package dev.tally.api.cluster;

import dev.tally.api.ClusterId;

import java.time.Instant;

public record ClusterRegistered(ClusterId clusterId,
                                String name,
                                String apiUrl,
                                String credentialsRef,
                                int maxAccounts,
                                int scrapeIntervalSeconds,
                                Instant registeredAt) {
}
