package dev.tally.query.cluster;

import dev.tally.query.metering.QuantityView;

import java.util.List;

/** A pod no environment claims, why, and what it used per meter. */
public record UnattributedPodView(String namespace, String pod, String reason, List<QuantityView> quantities) {
}
