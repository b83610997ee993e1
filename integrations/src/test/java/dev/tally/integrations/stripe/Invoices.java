package dev.tally.integrations.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A postpaid invoice of seed 004's usage at seed 004's rates, as the Invoice aggregate records it: lines of 36.00
 * (cpu), 7.20 (memory), 3.00 (storage) and 0.50 (egress), 46.70 in all.
 */
public final class Invoices {

    public static final Instant PERIOD_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant PERIOD_END = Instant.parse("2026-02-01T00:00:00Z");
    public static final Instant FINALIZED_AT = Instant.parse("2026-02-01T00:05:00Z");
    public static final String NUMBER = "2026-000001";

    private Invoices() {
    }

    public static List<InvoiceLine> seed004Lines(String environment) {
        EnvironmentId env = EnvironmentId.of(environment);
        return List.of(
                line(Meter.CPU, env, "720", PriceUnit.CORE_HOUR, "0.05", "36.00"),
                line(Meter.MEMORY, env, "1440", PriceUnit.GB_HOUR, "0.005", "7.20"),
                line(Meter.STORAGE, env, "30", PriceUnit.GB_DAY, "0.10", "3.00"),
                line(Meter.EGRESS, env, "50", PriceUnit.GB, "0.01", "0.50"));
    }

    public static InvoiceLine line(Meter meter, EnvironmentId env, String quantity, PriceUnit unit, String rate,
                                   String amount) {
        return new InvoiceLine(meter, env, new BigDecimal(quantity), unit, new BigDecimal(rate),
                new BigDecimal(amount), Money.of(amount, "EUR"), false);
    }

    public static InvoiceDrafted drafted(InvoiceId invoiceId, AccountId accountId, List<InvoiceLine> lines,
                                         Money creditsApplied) {
        Money subtotal = lines.stream().map(InvoiceLine::amount).reduce(Money.zero(creditsApplied.currency()),
                Money::plus);
        return new InvoiceDrafted(invoiceId, accountId, PERIOD_START, PERIOD_END, BillingMode.POSTPAID, lines,
                subtotal, creditsApplied, subtotal.minus(creditsApplied), PERIOD_END);
    }

    public static InvoiceFinalized finalized(InvoiceDrafted drafted, Instant finalizedAt) {
        return new InvoiceFinalized(drafted.invoiceId(), drafted.accountId(), NUMBER, drafted.billingMode(),
                drafted.total(), finalizedAt, finalizedAt.plusSeconds(14 * 86_400));
    }
}
