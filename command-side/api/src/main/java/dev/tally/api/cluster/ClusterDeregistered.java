package dev.tally.api.cluster;

import dev.tally.api.ClusterId;

import java.time.Instant;

public record ClusterDeregistered(ClusterId clusterId, Instant deregisteredAt) {
}
