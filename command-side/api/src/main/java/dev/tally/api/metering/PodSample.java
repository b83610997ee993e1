package dev.tally.api.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pod as a scrape saw it (API.md's scrape body). Counters are cumulative since the pod's container start;
 * gauges are the value at the scrape. A null counter or gauge was not reported and is not metered.
 */
public record PodSample(String namespace,
                        String name,
                        String uid,
                        Map<String, String> labels,
                        Instant startedAt,
                        Long cpuUsageCoreNanoSeconds,
                        Long memoryWorkingSetBytes,
                        Long networkRxBytes,
                        Long networkTxBytes,
                        Requests requests,
                        List<Volume> volumes) {

    public static final String ACCOUNT_LABEL = "tally.dev/account";
    public static final String ENVIRONMENT_LABEL = "tally.dev/environment";

    /** What the pod's containers request, summed. */
    public record Requests(BigDecimal cpuCores, Long memoryBytes, Integer gpus) {
    }

    /** A persistent volume claim mounted by the pod and its capacity. */
    public record Volume(String claim, long capacityBytes) {
    }
}
