package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.Money;
import dev.tally.api.PriceBookId;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A window of usage rated and charged. It carries everything an auditor needs without looking anything up: the price
 * book and version (and the version's rounding mode, which its invoice lines are rounded with), each meter's quantity, rate and unrounded amount, and the total {@code amount}. How it was paid:
 * {@code consumed} from grants, {@code overdrawn} below zero within the prepaid allowance, {@code uncollected} past
 * it (prepaid debt), or {@code accrued} into the open period (postpaid). {@code postings} are the double entries.
 */
public record UsageCharged(AccountId accountId,
                           String usageId,
                           EnvironmentId environmentId,
                           Instant from,
                           Instant to,
                           PriceBookId priceBookId,
                           int priceVersion,
                           RoundingMode rounding,
                           List<ChargeLine> lines,
                           Money amount,
                           List<GrantUse> consumed,
                           Money overdrawn,
                           Money uncollected,
                           Money accrued,
                           List<Posting> postings) {
}
