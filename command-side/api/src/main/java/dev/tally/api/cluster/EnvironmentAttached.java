package dev.tally.api.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;

public record EnvironmentAttached(ClusterId clusterId, EnvironmentId environmentId, AccountId accountId,
                                  String namespace) {
}
