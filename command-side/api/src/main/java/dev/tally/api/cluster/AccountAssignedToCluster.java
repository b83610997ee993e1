package dev.tally.api.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;

public record AccountAssignedToCluster(ClusterId clusterId, AccountId accountId) {
}
