package dev.tally.api.environment;

import java.math.BigDecimal;

/** What an environment is sized to: CPU cores, memory bytes and GPUs. */
public record Resources(BigDecimal cpuCores, long memoryBytes, int gpus) {
}
