package dev.tally.api.billing;

import dev.tally.api.EnvironmentId;
import dev.tally.api.Money;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;

import java.math.BigDecimal;

/**
 * One line of an invoice: a meter of an environment at one price. {@code quantity} is in the price's {@code unit},
 * {@code amount} the exact sum of the charges behind it rounded once with the price book's rounding mode.
 * {@code adjustment} marks usage that arrived late for a period already closed.
 */
public record InvoiceLine(Meter meter,
                          EnvironmentId environmentId,
                          BigDecimal quantity,
                          PriceUnit unit,
                          BigDecimal rate,
                          BigDecimal exactAmount,
                          Money amount,
                          boolean adjustment) {
}
