package dev.tally.domain.metering;

import dev.tally.api.FieldErrors;
import dev.tally.api.metering.PodSample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** POST /clusters/{id}/scrapes: the body external collectors push (API.md). Checked field by field. */
record ScrapeRequest(String scrapeId, Instant takenAt, List<Pod> pods) {

    record Pod(String namespace, String name, String uid, Map<String, String> labels, Instant startedAt,
               Long cpuUsageCoreNanoSeconds, Long memoryWorkingSetBytes, Long networkRxBytes, Long networkTxBytes,
               Requests requests, List<Volume> volumes) {
    }

    record Requests(BigDecimal cpuCores, Long memoryBytes, Integer gpus) {
    }

    record Volume(String claim, Long capacityBytes) {
    }

    static final int MAX_PODS = 50_000;

    void validate(FieldErrors errors) {
        errors.check(scrapeId != null && scrapeId.matches("[A-Za-z0-9._:-]{1,128}"), "scrapeId",
                        "must be 1 to 128 letters, digits, '.', '_', ':' or '-'")
                .check(takenAt != null, "takenAt", "is required: an ISO-8601 instant")
                .check(pods != null && pods.size() <= MAX_PODS, "pods", "must be a list of at most " + MAX_PODS);
        if (pods == null) {
            return;
        }
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            String at = "pods[" + i + "]";
            if (pod == null) {
                errors.add(at, "must be a pod");
                continue;
            }
            errors.check(present(pod.namespace()), at + ".namespace", "is required")
                    .check(present(pod.name()), at + ".name", "is required")
                    .check(pod.uid() != null && pod.uid().matches("[A-Za-z0-9-]{1,64}"), at + ".uid",
                            "must be the pod's uid")
                    .check(pod.startedAt() != null, at + ".startedAt", "is required: an ISO-8601 instant")
                    .check(notNegative(pod.cpuUsageCoreNanoSeconds()), at + ".cpuUsageCoreNanoSeconds",
                            "must be 0 or more")
                    .check(notNegative(pod.memoryWorkingSetBytes()), at + ".memoryWorkingSetBytes", "must be 0 or more")
                    .check(notNegative(pod.networkRxBytes()), at + ".networkRxBytes", "must be 0 or more")
                    .check(notNegative(pod.networkTxBytes()), at + ".networkTxBytes", "must be 0 or more");
            Requests requests = pod.requests();
            if (requests != null) {
                errors.check(requests.cpuCores() == null || requests.cpuCores().signum() >= 0,
                                at + ".requests.cpuCores", "must be 0 or more")
                        .check(notNegative(requests.memoryBytes()), at + ".requests.memoryBytes", "must be 0 or more")
                        .check(requests.gpus() == null || requests.gpus() >= 0, at + ".requests.gpus",
                                "must be 0 or more");
            }
            List<Volume> volumes = pod.volumes() == null ? List.of() : pod.volumes();
            for (int v = 0; v < volumes.size(); v++) {
                Volume volume = volumes.get(v);
                errors.check(volume != null && present(volume.claim()) && volume.capacityBytes() != null
                        && volume.capacityBytes() >= 0, at + ".volumes[" + v + "]", "needs a claim and capacityBytes");
            }
        }
        errors.check(pods.stream().filter(pod -> pod != null && pod.uid() != null).map(Pod::uid).distinct().count()
                == pods.stream().filter(pod -> pod != null && pod.uid() != null).count(), "pods", "uids must not repeat");
    }

    List<PodSample> samples() {
        return pods.stream().map(pod -> new PodSample(pod.namespace(), pod.name(), pod.uid(),
                pod.labels() == null ? Map.of() : Map.copyOf(pod.labels()), pod.startedAt(),
                pod.cpuUsageCoreNanoSeconds(), pod.memoryWorkingSetBytes(), pod.networkRxBytes(),
                pod.networkTxBytes(),
                pod.requests() == null ? null : new PodSample.Requests(pod.requests().cpuCores(),
                        pod.requests().memoryBytes(), pod.requests().gpus()),
                pod.volumes() == null ? List.of() : pod.volumes().stream()
                        .map(volume -> new PodSample.Volume(volume.claim(), volume.capacityBytes())).toList()))
                .toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank() && value.length() <= 253;
    }

    private static boolean notNegative(Long value) {
        return value == null || value >= 0;
    }
}
