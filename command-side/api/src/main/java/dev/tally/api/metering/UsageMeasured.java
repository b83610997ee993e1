package dev.tally.api.metering;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;

import java.time.Instant;
import java.util.List;

/**
 * An environment's usage over a window inside one hour, summed over its pods. {@code gap} marks a window across a
 * gap in the scrapes, where only counters (and gauges under a fill policy) were measured.
 */
public record UsageMeasured(ClusterId clusterId,
                            AccountId accountId,
                            EnvironmentId environmentId,
                            Instant from,
                            Instant to,
                            List<MeteredQuantity> quantities,
                            List<String> scrapeIds,
                            boolean gap) {
}
