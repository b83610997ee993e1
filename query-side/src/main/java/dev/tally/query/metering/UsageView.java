package dev.tally.query.metering;

import java.util.List;

/** GET /accounts/{id}/usage (API.md, Usage): the buckets, oldest first. */
public record UsageView(List<UsageItemView> items) {
}
