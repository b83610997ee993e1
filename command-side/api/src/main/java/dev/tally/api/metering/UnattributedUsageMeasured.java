package dev.tally.api.metering;

import dev.tally.api.ClusterId;

import java.time.Instant;
import java.util.List;

/**
 * Usage of a pod that belongs to no known environment (no labels, unknown ones, or labels that disagree), kept per
 * cluster for admins: recorded, never billed to anyone, never lost.
 */
public record UnattributedUsageMeasured(ClusterId clusterId,
                                        String namespace,
                                        String podName,
                                        String podUid,
                                        String reason,
                                        Instant from,
                                        Instant to,
                                        List<MeteredQuantity> quantities,
                                        List<String> scrapeIds,
                                        boolean gap) {
}
