package dev.tally.app.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pod as a collector reports it in a scrape (API.md, Clusters, environments, scrapes): counters since the pod's
 * start, gauges as they are now. A null gauge is not reported, so it is not metered.
 */
public record Pod(String uid,
                  Instant startedAt,
                  long cpuUsageCoreNanoSeconds,
                  long networkTxBytes,
                  Long memoryWorkingSetBytes,
                  Long volumeCapacityBytes) {

    public static final long CORE_SECOND = 1_000_000_000L;

    /** A pod reporting only its CPU and egress counters. */
    /**
     * Seed 004's container on day {@code day} of a 30-day month from {@code monthStart}: 1 core busy throughout (720
     * core-hours), 2 GB of memory (1,440 GB-hours), a 1 GB volume (30 GB-days) and 50 GB sent over the month.
     */
    public static Pod seed004Container(Instant monthStart, int day) {
        long gb = 1_000_000_000L;
        return counters("seed-004", monthStart, day * 86_400L * CORE_SECOND, 50 * gb * day / 30)
                .withMemory(2 * gb)
                .withVolume(gb);
    }

    public static Pod counters(String uid, Instant startedAt, long cpuUsageCoreNanoSeconds, long networkTxBytes) {
        return new Pod(uid, startedAt, cpuUsageCoreNanoSeconds, networkTxBytes, null, null);
    }

    public Pod withMemory(long workingSetBytes) {
        return new Pod(uid, startedAt, cpuUsageCoreNanoSeconds, networkTxBytes, workingSetBytes, volumeCapacityBytes);
    }

    public Pod withVolume(long capacityBytes) {
        return new Pod(uid, startedAt, cpuUsageCoreNanoSeconds, networkTxBytes, memoryWorkingSetBytes, capacityBytes);
    }

    /** The pod's part of a scrape body, labelled for {@code environment} of {@code account}. */
    Map<String, Object> body(String namespace, String account, String environment) {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("namespace", namespace);
        pod.put("name", "pod-" + uid);
        pod.put("uid", uid);
        pod.put("labels", Map.of("tally.dev/account", account, "tally.dev/environment", environment));
        pod.put("startedAt", startedAt.toString());
        pod.put("cpuUsageCoreNanoSeconds", cpuUsageCoreNanoSeconds);
        pod.put("memoryWorkingSetBytes", memoryWorkingSetBytes);
        pod.put("networkRxBytes", 0);
        pod.put("networkTxBytes", networkTxBytes);
        pod.put("volumes", volumeCapacityBytes == null ? List.of()
                : List.of(Map.of("claim", "data-" + uid, "capacityBytes", volumeCapacityBytes)));
        return pod;
    }
}
