package dev.tally.query.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One meter's price as API.md writes it: {@code {"meter": "cpu", "unit": "core-hour", "price": "0.05"}}, the price a
 * plain decimal string without trailing zeros; no basis when the metering configuration's applies.
 */
public record PriceRateView(String meter,
                            String unit,
                            String price,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String basis) {
}
