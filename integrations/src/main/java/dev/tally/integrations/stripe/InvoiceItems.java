package dev.tally.integrations.stripe;

import dev.tally.api.Money;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.metering.Meter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Tally invoice's lines as Stripe invoice items, adding up to exactly what the invoice says is due: each line's
 * rounded amount, and the prepaid credits applied as one negative item. Stripe takes at most 250 items an invoice;
 * a longer invoice is sent as one item per meter (the sum of its rounded lines), its detail staying in Tally.
 */
final class InvoiceItems {

    static final int STRIPE_MAX_ITEMS = 250;

    private InvoiceItems() {
    }

    static List<OutgoingInvoice.Item> of(InvoiceDrafted invoice) {
        List<OutgoingInvoice.Item> items = new ArrayList<>();
        boolean creditsApplied = invoice.creditsApplied() != null && invoice.creditsApplied().amount().signum() != 0;
        if (invoice.lines().size() + (creditsApplied ? 1 : 0) <= STRIPE_MAX_ITEMS) {
            invoice.lines().forEach(line -> items.add(new OutgoingInvoice.Item(line.amount(), describe(line))));
        } else {
            items.addAll(perMeter(invoice.lines()));
        }
        if (creditsApplied) {
            Money credits = invoice.creditsApplied();
            items.add(new OutgoingInvoice.Item(new Money(credits.amount().negate(), credits.currency()),
                    "prepaid credits applied"));
        }
        return items;
    }

    /** "cpu env-a 720 core-hour @ 0.05", and "adjustment: ..." for late usage of an earlier period. */
    static String describe(InvoiceLine line) {
        return (line.adjustment() ? "adjustment: " : "") + meter(line.meter())
                + (line.environmentId() == null ? "" : " " + line.environmentId())
                + " " + plain(line.quantity()) + " " + line.unit().wireName() + " @ " + plain(line.rate());
    }

    private static List<OutgoingInvoice.Item> perMeter(List<InvoiceLine> lines) {
        Map<Meter, Money> sums = new LinkedHashMap<>();
        Map<Meter, Integer> counts = new LinkedHashMap<>();
        for (InvoiceLine line : lines) {
            sums.merge(line.meter(), line.amount(), Money::plus);
            counts.merge(line.meter(), 1, Integer::sum);
        }
        return sums.entrySet().stream()
                .map(sum -> new OutgoingInvoice.Item(sum.getValue(), meter(sum.getKey()) + ": "
                        + counts.get(sum.getKey()) + " lines, itemized on the Tally invoice"))
                .toList();
    }

    private static String meter(Meter meter) {
        return meter.name().toLowerCase(Locale.ROOT);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
