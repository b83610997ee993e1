package dev.tally.domain.credits;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.EnvironmentId;
import dev.tally.api.Money;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.domain.billing.BillingPeriods;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger's billing periods not invoiced yet: per period, a line per meter, environment and price with its exact
 * sum, and what credits paid and what was left uncollected. That is all an invoice needs, and it is emptied when
 * the periods close, so it stays small however long the ledger's history. Changed only by the ledger's event
 * sourcing handlers, so a replay rebuilds it exactly.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class OpenPeriods {

    /** The period of usage that arrived after its own period was closed: it goes on the next invoice. */
    private static final String LATE = "late";

    private int anchorDay = BillingPeriods.DEFAULT_ANCHOR_DAY;
    /** Usage is invoiced up to here: the ledger's opening, then each closed period's end. */
    private Instant closedThrough;
    private Map<String, PeriodLine> lines = new LinkedHashMap<>();
    private Map<String, PeriodMoney> money = new HashMap<>();

    /** What closing the periods ended by {@code periodEnd} invoices. */
    record Closing(List<InvoiceLine> lines, Money subtotal, BigDecimal uncollected) {
    }

    void opened(Instant at) {
        closedThrough = at;
    }

    /** Ledgers snapshotted before anchor days existed have none: theirs is the default. */
    int anchorDay() {
        return anchorDay == 0 ? BillingPeriods.DEFAULT_ANCHOR_DAY : anchorDay;
    }

    void anchorOn(int day) {
        anchorDay = day;
    }

    /** A ledger snapshotted before billing periods existed has no opening instant: it is invoiced from the epoch. */
    Instant invoicedThrough() {
        return closedThrough == null ? Instant.EPOCH : closedThrough;
    }

    void record(UsageCharged event) {
        String period = event.from().isBefore(invoicedThrough()) ? LATE
                : BillingPeriods.startOf(event.from(), anchorDay()).toString();
        for (ChargeLine line : event.lines()) {
            PeriodLine added = new PeriodLine(period, line.meter(), event.environmentId().value(), line.priceUnit(),
                    line.price(), event.rounding(), line.quantity(), line.amount());
            lines.merge(added.key(), added, PeriodLine::plus);
        }
        BigDecimal fromCredits = event.amount().amount().subtract(event.uncollected().amount())
                .subtract(event.accrued().amount());
        money.merge(period, new PeriodMoney(fromCredits, event.uncollected().amount()), PeriodMoney::plus);
    }

    /**
     * The lines of the periods ended by {@code periodEnd} (late usage of closed periods last, as adjustments), each
     * rounded once with its price book's rounding mode, their sum, and what those periods left uncollected.
     */
    Closing closing(Instant periodEnd, Currency currency) {
        List<InvoiceLine> invoiced = lines.values().stream()
                .filter(line -> isClosedBy(line.period(), periodEnd))
                .sorted(Comparator.comparing(PeriodLine::isLate).thenComparing(PeriodLine::meter)
                        .thenComparing(PeriodLine::environmentId).thenComparing(PeriodLine::price))
                .map(line -> line.invoiced(currency))
                .toList();
        Money subtotal = invoiced.stream().map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
        BigDecimal uncollected = money.entrySet().stream()
                .filter(entry -> isClosedBy(entry.getKey(), periodEnd))
                .map(entry -> entry.getValue().uncollected())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Closing(invoiced, subtotal, uncollected);
    }

    void closed(Instant periodEnd) {
        lines.values().removeIf(line -> isClosedBy(line.period(), periodEnd));
        money.keySet().removeIf(period -> isClosedBy(period, periodEnd));
        closedThrough = periodEnd;
    }

    private static boolean isClosedBy(String period, Instant periodEnd) {
        return period.equals(LATE) || Instant.parse(period).isBefore(periodEnd);
    }

    /** The charges of one period for one invoice line: a meter of an environment at one price. */
    record PeriodLine(String period,
                      Meter meter,
                      String environmentId,
                      PriceUnit unit,
                      BigDecimal price,
                      RoundingMode rounding,
                      BigDecimal quantity,
                      BigDecimal exactAmount) {

        String key() {
            return String.join("|", period, meter.name(), environmentId, unit.name(), price.toPlainString(),
                    rounding.name());
        }

        boolean isLate() {
            return period.equals(LATE);
        }

        PeriodLine plus(PeriodLine other) {
            return new PeriodLine(period, meter, environmentId, unit, price, rounding, quantity.add(other.quantity),
                    exactAmount.add(other.exactAmount));
        }

        /** The quantity in the price's unit, and the exact amount rounded once to the currency's minor unit. */
        InvoiceLine invoiced(Currency currency) {
            BigDecimal inUnits = quantity.divide(unit.baseUnits(), MathContext.DECIMAL128).stripTrailingZeros();
            inUnits = inUnits.scale() < 0 ? inUnits.setScale(0) : inUnits;
            Money amount = new Money(exactAmount.setScale(Money.zero(currency).minorUnitDigits(), rounding), currency);
            return new InvoiceLine(meter, EnvironmentId.of(environmentId), inUnits, unit, price, exactAmount, amount,
                    isLate());
        }
    }

    /** What credits paid of a period's charges, and what was left uncollected. */
    record PeriodMoney(BigDecimal fromCredits, BigDecimal uncollected) {

        PeriodMoney plus(PeriodMoney other) {
            return new PeriodMoney(fromCredits.add(other.fromCredits), uncollected.add(other.uncollected));
        }
    }
}
