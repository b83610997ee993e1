package dev.tally.domain.cluster;

import dev.tally.api.account.AccountClusterAssigned;
import dev.tally.api.cluster.AssignAccountToCluster;
import dev.tally.api.cluster.AttachEnvironment;
import dev.tally.api.cluster.DetachEnvironment;
import dev.tally.api.cluster.ReleaseAccountFromCluster;
import dev.tally.api.environment.EnvironmentDeleted;
import dev.tally.api.environment.EnvironmentRegistered;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps clusters in step with the accounts and environments on them. Subscribing, like the ledger relay: a cluster
 * that is full, or an environment whose account has no place on its cluster, refuses the command, and the event
 * that caused it is not stored either.
 */
@Component
@ProcessingGroup(ClusterRelay.PROCESSING_GROUP)
public class ClusterRelay {

    public static final String PROCESSING_GROUP = "cluster-relay";

    private final CommandGateway commandGateway;

    public ClusterRelay(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(AccountClusterAssigned event) {
        commandGateway.sendAndWait(new AssignAccountToCluster(event.clusterId(), event.accountId()));
        if (event.previous() != null) {
            commandGateway.sendAndWait(new ReleaseAccountFromCluster(event.previous(), event.accountId()));
        }
    }

    @EventHandler
    void on(EnvironmentRegistered event) {
        commandGateway.sendAndWait(new AttachEnvironment(event.clusterId(), event.environmentId(), event.accountId(),
                event.namespace()));
    }

    @EventHandler
    void on(EnvironmentDeleted event) {
        commandGateway.sendAndWait(new DetachEnvironment(event.clusterId(), event.environmentId()));
    }
}
