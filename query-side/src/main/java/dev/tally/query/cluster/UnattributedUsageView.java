package dev.tally.query.cluster;

import java.util.List;

/** GET /clusters/{id}/unattributed-usage: per namespace, pod and reason, ordered by them. */
public record UnattributedUsageView(List<UnattributedPodView> items) {
}
