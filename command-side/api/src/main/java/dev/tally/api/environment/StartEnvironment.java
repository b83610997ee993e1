package dev.tally.api.environment;

import dev.tally.api.EnvironmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record StartEnvironment(EnvironmentId environmentId, Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return environmentId.aggregateId();
    }
}
