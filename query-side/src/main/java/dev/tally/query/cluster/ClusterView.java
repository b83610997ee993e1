package dev.tally.query.cluster;

import java.time.Instant;

/** GET /clusters/{id}: a cluster's registration, capacity (summed over its nodes), assigned accounts, last scrape. */
public record ClusterView(String id,
                          String name,
                          String apiUrl,
                          String credentialsRef,
                          int maxAccounts,
                          int accountsAssigned,
                          int scrapeIntervalSeconds,
                          String status,
                          int nodes,
                          String cpuCores,
                          long memoryBytes,
                          int gpus,
                          Instant registeredAt,
                          String lastScrapeId,
                          Instant lastScrapeAt) {
}
