package dev.tally.query.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;

/**
 * One invoice line as API.md writes it: {@code {"meter": "cpu", "environmentId": "...", "quantity": "720", "unit":
 * "core-hour", "rate": "0.05", "amount": {"amount": "36.00", "currency": "EUR"}}}. Quantity, rate and the exact
 * amount behind the rounded one are plain decimal strings at full precision, so an auditor can redo the line; late
 * usage of an earlier period is an {@code adjustment} with a {@code label} saying so.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceLineView(String meter,
                              String environmentId,
                              String quantity,
                              String unit,
                              String rate,
                              String exactAmount,
                              MoneyView amount,
                              boolean adjustment,
                              String label) {
}
