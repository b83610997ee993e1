package dev.tally.query.metering;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** One bucket of an account's usage: a meter's quantity (of one environment, when grouped so) in display units. */
public record UsageItemView(Instant start,
                            String meter,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String environmentId,
                            String quantity,
                            String unit) {
}
