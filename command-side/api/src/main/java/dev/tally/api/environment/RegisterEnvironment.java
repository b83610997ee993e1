package dev.tally.api.environment;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A billable workload of an account on a cluster; its pods carry the label tally.dev/environment=&lt;id&gt;. */
public record RegisterEnvironment(EnvironmentId environmentId,
                                  AccountId accountId,
                                  ClusterId clusterId,
                                  String name,
                                  String namespace,
                                  String tier,
                                  Integer maxUptimeMinutes,
                                  Instant registeredAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return environmentId.aggregateId();
    }
}
