package dev.tally.api.cluster;

import dev.tally.api.ClusterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The cluster's nodes as last seen; the same set again changes nothing. */
public record ChangeClusterNodes(ClusterId clusterId, List<Node> nodes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return clusterId.aggregateId();
    }
}
