package dev.tally.api.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;

public record AccountReleasedFromCluster(ClusterId clusterId, AccountId accountId) {
}
