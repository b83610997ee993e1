package dev.tally.domain.environment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.EnvironmentId;
import dev.tally.api.environment.DeleteEnvironment;
import dev.tally.api.environment.EnvironmentDeleted;
import dev.tally.api.environment.EnvironmentRegistered;
import dev.tally.api.environment.EnvironmentResized;
import dev.tally.api.environment.EnvironmentStarted;
import dev.tally.api.environment.EnvironmentStatus;
import dev.tally.api.environment.EnvironmentStopped;
import dev.tally.api.environment.RegisterEnvironment;
import dev.tally.api.environment.ResizeEnvironment;
import dev.tally.api.environment.Resources;
import dev.tally.api.environment.StartEnvironment;
import dev.tally.api.environment.StopEnvironment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A billable workload of one account on one cluster: registered, started, stopped, resized, deleted. Not named
 * {@code Environment}: Axon's {@code @Aggregate} makes the class a Spring bean named after it, and a bean called
 * "environment" would hide Spring's own. Its aggregate type in the event store is still "Environment".
 */
@Aggregate(type = "Environment", cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class EnvironmentAggregate {

    @AggregateIdentifier
    private String aggregateId;
    private EnvironmentId environmentId;
    private AccountId accountId;
    private ClusterId clusterId;
    private EnvironmentStatus status;
    private Resources resources;

    EnvironmentAggregate() {
    }

    @CommandHandler
    EnvironmentAggregate(RegisterEnvironment command) {
        apply(new EnvironmentRegistered(command.environmentId(), command.accountId(), command.clusterId(),
                command.name(), command.namespace(), command.tier(), command.maxUptimeMinutes(),
                command.registeredAt()));
    }

    @CommandHandler
    void handle(StartEnvironment command) {
        requireNotDeleted("start");
        if (status != EnvironmentStatus.RUNNING) {
            apply(new EnvironmentStarted(environmentId, accountId, clusterId, command.at()));
        }
    }

    @CommandHandler
    void handle(StopEnvironment command) {
        requireNotDeleted("stop");
        if (status == EnvironmentStatus.RUNNING) {
            apply(new EnvironmentStopped(environmentId, accountId, clusterId, command.at()));
        }
    }

    @CommandHandler
    void handle(ResizeEnvironment command) {
        requireNotDeleted("resize");
        if (!command.resources().equals(resources)) {
            apply(new EnvironmentResized(environmentId, accountId, command.resources(), command.at()));
        }
    }

    @CommandHandler
    void handle(DeleteEnvironment command) {
        if (status != EnvironmentStatus.DELETED) {
            apply(new EnvironmentDeleted(environmentId, accountId, clusterId, command.at()));
        }
    }

    private void requireNotDeleted(String action) {
        if (status == EnvironmentStatus.DELETED) {
            throw DomainException.conflict("cannot " + action + " environment " + environmentId + ": it is deleted");
        }
    }

    @EventSourcingHandler
    void on(EnvironmentRegistered event) {
        aggregateId = event.environmentId().aggregateId();
        environmentId = event.environmentId();
        accountId = event.accountId();
        clusterId = event.clusterId();
        status = EnvironmentStatus.REGISTERED;
    }

    @EventSourcingHandler
    void on(EnvironmentStarted event) {
        status = EnvironmentStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(EnvironmentStopped event) {
        status = EnvironmentStatus.STOPPED;
    }

    @EventSourcingHandler
    void on(EnvironmentResized event) {
        resources = event.resources();
    }

    @EventSourcingHandler
    void on(EnvironmentDeleted event) {
        status = EnvironmentStatus.DELETED;
    }
}
