package dev.tally.api.account;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;

/** The account's workloads run on {@code clusterId} from now on; {@code previous} is released (null: none). */
public record AccountClusterAssigned(AccountId accountId, ClusterId clusterId, ClusterId previous) {
}
