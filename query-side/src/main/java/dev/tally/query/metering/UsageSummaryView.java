package dev.tally.query.metering;

import java.time.Instant;

/**
 * GET /accounts/{id}/usage/summary (API.md, Usage): each meter's total over {@code [from, to)} in display units, and
 * the share of that time the account's clusters were scraped without a gap.
 */
public record UsageSummaryView(Instant from,
                               Instant to,
                               String cpuHours,
                               String gpuHours,
                               String memoryGibHours,
                               String storageGibDays,
                               String egressGb,
                               String coverage) {
}
