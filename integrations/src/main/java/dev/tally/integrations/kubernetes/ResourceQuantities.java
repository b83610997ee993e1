package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Kubernetes resource quantities ("500m", "16Gi", "2") as exact numbers: BigDecimal throughout, never double. */
final class ResourceQuantities {

    static final String CPU = "cpu";
    static final String MEMORY = "memory";
    static final String GPU = "nvidia.com/gpu";
    static final String STORAGE = "storage";

    private ResourceQuantities() {
    }

    /** CPU cores, as plain as the quantity allows ("500m" is 0.5, "4" is 4). */
    static BigDecimal cores(Map<String, Quantity> resources) {
        Quantity quantity = resources == null ? null : resources.get(CPU);
        return quantity == null ? BigDecimal.ZERO : plain(quantity.getNumericalAmount());
    }

    /** Bytes, rounded up as Kubernetes does for a fractional byte. */
    static long bytes(Map<String, Quantity> resources, String name) {
        Quantity quantity = resources == null ? null : resources.get(name);
        return quantity == null ? 0 : Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** A whole count, such as GPUs; extended resources cannot be fractional, so anything else is refused. */
    static int count(Map<String, Quantity> resources, String name) {
        Quantity quantity = resources == null ? null : resources.get(name);
        return quantity == null ? 0 : quantity.getNumericalAmount().intValueExact();
    }

    /** Without trailing zeros, and never in exponent form (1E+3), so equal amounts look alike in events. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
