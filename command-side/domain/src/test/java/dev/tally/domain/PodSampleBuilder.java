package dev.tally.domain;

import dev.tally.api.metering.PodSample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a pod sample for tests: only what a test sets is reported; everything else is null (not metered). */
public final class PodSampleBuilder {

    public static final long GIB = 1L << 30;

    private String namespace = "acme-ns";
    private final String name;
    private String uid;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Instant startedAt = Instant.parse("2026-03-01T00:00:00Z");
    private Long cpuUsageCoreNanoSeconds;
    private Long memoryWorkingSetBytes;
    private Long networkRxBytes;
    private Long networkTxBytes;
    private PodSample.Requests requests;
    private final List<PodSample.Volume> volumes = new ArrayList<>();

    private PodSampleBuilder(String name) {
        this.name = name;
        this.uid = name + "-uid";
    }

    public static PodSampleBuilder pod(String name) {
        return new PodSampleBuilder(name);
    }

    public PodSampleBuilder namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public PodSampleBuilder uid(String uid) {
        this.uid = uid;
        return this;
    }

    public PodSampleBuilder environment(String environmentId) {
        labels.put(PodSample.ENVIRONMENT_LABEL, environmentId);
        return this;
    }

    public PodSampleBuilder account(String accountId) {
        labels.put(PodSample.ACCOUNT_LABEL, accountId);
        return this;
    }

    public PodSampleBuilder startedAt(Instant startedAt) {
        this.startedAt = startedAt;
        return this;
    }

    public PodSampleBuilder cpuNanos(long cpuUsageCoreNanoSeconds) {
        this.cpuUsageCoreNanoSeconds = cpuUsageCoreNanoSeconds;
        return this;
    }

    public PodSampleBuilder memoryBytes(long memoryWorkingSetBytes) {
        this.memoryWorkingSetBytes = memoryWorkingSetBytes;
        return this;
    }

    public PodSampleBuilder rxBytes(long networkRxBytes) {
        this.networkRxBytes = networkRxBytes;
        return this;
    }

    public PodSampleBuilder txBytes(long networkTxBytes) {
        this.networkTxBytes = networkTxBytes;
        return this;
    }

    public PodSampleBuilder requests(String cpuCores, Long memoryBytes, Integer gpus) {
        this.requests = new PodSample.Requests(cpuCores == null ? null : new BigDecimal(cpuCores), memoryBytes, gpus);
        return this;
    }

    public PodSampleBuilder volume(String claim, long capacityBytes) {
        volumes.add(new PodSample.Volume(claim, capacityBytes));
        return this;
    }

    public PodSample build() {
        return new PodSample(namespace, name, uid, Map.copyOf(labels), startedAt, cpuUsageCoreNanoSeconds,
                memoryWorkingSetBytes, networkRxBytes, networkTxBytes, requests, List.copyOf(volumes));
    }
}
