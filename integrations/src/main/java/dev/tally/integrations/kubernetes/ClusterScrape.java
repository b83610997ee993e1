package dev.tally.integrations.kubernetes;

import dev.tally.api.cluster.Node;
import dev.tally.api.metering.PodSample;

import java.util.List;
import java.util.Map;

/**
 * What one read of a cluster saw: a sample of every running pod whose usage could be read, the nodes and their
 * capacity, and the nodes whose kubelet stats could not be read (name to reason), whose pods are left out.
 */
public record ClusterScrape(List<PodSample> pods, List<Node> nodes, Map<String, String> nodesWithoutStats,
                            int podsLeftOut) {
}
