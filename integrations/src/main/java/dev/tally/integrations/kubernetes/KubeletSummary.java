package dev.tally.integrations.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The parts of a kubelet's {@code /stats/summary} (API group {@code stats/v1alpha1}) that a scrape reads. Every
 * field may be missing: a kubelet leaves out what it has not measured yet, and host-network pods have no network.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record KubeletSummary(List<PodStats> pods) {

    KubeletSummary {
        pods = pods == null ? List.of() : pods;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PodStats(PodRef podRef, Instant startTime, CpuStats cpu, MemoryStats memory, NetworkStats network,
                    List<VolumeStats> volume) {

        PodStats {
            volume = volume == null ? List.of() : volume;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PodRef(String name, String namespace, String uid) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CpuStats(Long usageCoreNanoSeconds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MemoryStats(Long workingSetBytes) {
    }

    /** The top-level bytes are the default interface's; without them, the pod's interfaces are summed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NetworkStats(Long rxBytes, Long txBytes, List<InterfaceStats> interfaces) {

        Long received() {
            return rxBytes != null ? rxBytes : sum(InterfaceStats::rxBytes);
        }

        Long transmitted() {
            return txBytes != null ? txBytes : sum(InterfaceStats::txBytes);
        }

        private Long sum(Function<InterfaceStats, Long> counter) {
            if (interfaces == null) {
                return null;
            }
            List<Long> values = interfaces.stream().map(counter).filter(Objects::nonNull).toList();
            return values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InterfaceStats(String name, Long rxBytes, Long txBytes) {
    }

    /** A volume of the pod; {@code pvcRef} is set only for a persistent volume claim. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VolumeStats(String name, Long capacityBytes, PvcRef pvcRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PvcRef(String name, String namespace) {
    }
}
