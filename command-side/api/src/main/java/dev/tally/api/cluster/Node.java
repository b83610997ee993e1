package dev.tally.api.cluster;

import java.math.BigDecimal;

/** A node of a cluster and its allocatable capacity. */
public record Node(String name, BigDecimal cpuCores, long memoryBytes, int gpus) {
}
