package dev.tally.query.metering;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;

import java.time.Instant;

/**
 * One bucket of an account's usage: a meter's quantity (of one environment, when grouped so) in display units, and
 * what its rated windows were charged; no {@code cost} when none of them has been rated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageItemView(Instant start,
                            String meter,
                            String environmentId,
                            String quantity,
                            String unit,
                            MoneyView cost) {
}
