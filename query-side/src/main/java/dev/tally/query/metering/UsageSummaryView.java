package dev.tally.query.metering;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;

import java.time.Instant;

/**
 * GET /accounts/{id}/usage/summary (API.md, Usage): each meter's total over {@code [from, to)} in display units, what
 * it was charged ({@code totalCost}; absent when nothing in the period has been rated), and the share of that time
 * the account's clusters were scraped without a gap.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageSummaryView(Instant from,
                               Instant to,
                               String cpuHours,
                               String gpuHours,
                               String memoryGibHours,
                               String storageGibDays,
                               String egressGb,
                               MoneyView totalCost,
                               String coverage) {
}
