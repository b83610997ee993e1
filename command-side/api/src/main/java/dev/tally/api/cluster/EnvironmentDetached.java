package dev.tally.api.cluster;

import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;

public record EnvironmentDetached(ClusterId clusterId, EnvironmentId environmentId) {
}
