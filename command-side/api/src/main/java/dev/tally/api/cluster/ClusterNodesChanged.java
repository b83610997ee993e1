package dev.tally.api.cluster;

import dev.tally.api.ClusterId;

import java.util.List;

public record ClusterNodesChanged(ClusterId clusterId, List<Node> nodes) {
}
