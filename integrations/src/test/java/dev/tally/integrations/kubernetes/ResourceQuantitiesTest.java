package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceQuantitiesTest {

    @Test
    void coresAreExactAndPlain() {
        assertThat(ResourceQuantities.cores(Map.of("cpu", new Quantity("4000m")))).isEqualTo(new BigDecimal("4"));
        assertThat(ResourceQuantities.cores(Map.of("cpu", new Quantity("1k"))).toString()).isEqualTo("1000");
        assertThat(ResourceQuantities.cores(Map.of("cpu", new Quantity("100n")))).isEqualTo(new BigDecimal("1E-7"));
        assertThat(ResourceQuantities.cores(Map.of())).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void bytesRoundUpAFractionalByteAsKubernetesDoes() {
        assertThat(ResourceQuantities.bytes(Map.of("memory", new Quantity("1.5Gi")), "memory"))
                .isEqualTo(1_610_612_736L);
        assertThat(ResourceQuantities.bytes(Map.of("memory", new Quantity("1500m")), "memory")).isEqualTo(2L);
    }

    @Test
    void aFractionalGpuCountIsRefused() {
        assertThat(ResourceQuantities.count(Map.of("nvidia.com/gpu", new Quantity("2")), "nvidia.com/gpu"))
                .isEqualTo(2);
        assertThatThrownBy(() -> ResourceQuantities.count(Map.of("nvidia.com/gpu", new Quantity("500m")),
                "nvidia.com/gpu")).isInstanceOf(ArithmeticException.class);
    }
}
