package dev.tally.query.audit;

import dev.tally.api.Money;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.UsageCharged;
import dev.tally.query.audit.offline.LedgerRecomputation;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The ledger export as one JSON document, {@code {"format", "exportedAt", "events": [...]}}, written event by
 * event with Jackson's streaming generator. Each event has its chain hashes and its stored payload exactly (so the
 * chain can be redone offline), its postings with the balance after each, and the figures an auditor recomputes:
 * a usage charge's lines, rates and total, a closed period's invoice lines and totals. Money is a decimal string at
 * full precision, never a float.
 */
final class LedgerJsonWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int FLUSH_EVERY = 100;

    private final JsonGenerator json;
    private int events;

    LedgerJsonWriter(OutputStream out, Instant exportedAt, String accountId) {
        json = JSON.createGenerator(ObjectWriteContext.empty(), out);
        json.writeStartObject();
        json.writeStringProperty("format", LedgerRecomputation.FORMAT);
        json.writeStringProperty("exportedAt", exportedAt.toString());
        json.writeStringProperty("accountId", accountId);
        json.writeArrayPropertyStart("events");
    }

    void write(ExportedEvent exported) {
        StoredEvent stored = exported.stored();
        json.writeStartObject();
        json.writeStringProperty("eventId", stored.eventId());
        json.writeStringProperty("accountId", exported.accountId());
        json.writeStringProperty("aggregateId", stored.aggregateId());
        json.writeNumberProperty("sequence", stored.sequence());
        json.writeNumberProperty("globalIndex", stored.globalIndex());
        json.writeStringProperty("recordedAt", stored.recordedAt().toString());
        json.writeStringProperty("type", exported.type());
        json.writeStringProperty("kind", exported.kind());
        json.writeStringProperty("previousHash", exported.previousHash());
        json.writeStringProperty("hash", exported.hash());
        json.writeStringProperty("payloadType", stored.payloadType());
        json.writeStringProperty("payloadRevision", stored.payloadRevision());
        json.writeStringProperty("payload", new String(stored.payload(), StandardCharsets.UTF_8));
        json.writeArrayPropertyStart("postings");
        for (ExportedEvent.ExportedPosting posting : exported.postings()) {
            json.writeStartObject();
            json.writeNumberProperty("posting", posting.posting());
            json.writeStringProperty("debit", posting.debit() == null ? null : posting.debit().name());
            json.writeStringProperty("credit", posting.credit() == null ? null : posting.credit().name());
            decimal("amount", posting.amount());
            json.writeStringProperty("currency", posting.currency());
            decimal("balanceAfter", posting.balanceAfter());
            json.writeEndObject();
        }
        json.writeEndArray();
        optional("grantId", exported.grantId());
        optional("usageId", exported.usageId());
        optional("invoiceId", exported.invoiceId());
        if (exported.event() instanceof UsageCharged usage) {
            usage(usage);
        } else if (exported.event() instanceof PeriodClosed period) {
            period(period);
        }
        json.writeEndObject();
        if (++events % FLUSH_EVERY == 0) {
            json.flush();
        }
    }

    private void usage(UsageCharged usage) {
        json.writeStringProperty("environmentId", usage.environmentId().value());
        json.writeStringProperty("from", usage.from().toString());
        json.writeStringProperty("to", usage.to().toString());
        json.writeStringProperty("priceBookId", usage.priceBookId().value());
        json.writeNumberProperty("priceVersion", usage.priceVersion());
        json.writeStringProperty("rounding", usage.rounding().name());
        json.writeStringProperty("currency", usage.amount().currency().getCurrencyCode());
        json.writeArrayPropertyStart("lines");
        for (ChargeLine line : usage.lines()) {
            json.writeStartObject();
            json.writeStringProperty("meter", line.meter().name().toLowerCase(Locale.ROOT));
            json.writeStringProperty("basis", line.basis() == null ? null : line.basis().name());
            decimal("quantity", line.quantity());
            json.writeStringProperty("unit", line.unit());
            json.writeStringProperty("priceUnit", line.priceUnit().wireName());
            decimal("price", line.price());
            decimal("amount", line.amount());
            json.writeEndObject();
        }
        json.writeEndArray();
        money("total", usage.amount());
        money("overdrawn", usage.overdrawn());
        money("uncollected", usage.uncollected());
        money("accrued", usage.accrued());
    }

    private void period(PeriodClosed period) {
        json.writeStringProperty("periodStart", period.periodStart().toString());
        json.writeStringProperty("periodEnd", period.periodEnd().toString());
        json.writeStringProperty("billingMode", period.billingMode().name());
        json.writeStringProperty("closedAt", period.closedAt().toString());
        json.writeStringProperty("currency", period.total().currency().getCurrencyCode());
        json.writeArrayPropertyStart("lines");
        for (InvoiceLine line : period.lines()) {
            json.writeStartObject();
            json.writeStringProperty("meter", line.meter().name().toLowerCase(Locale.ROOT));
            json.writeStringProperty("environmentId", line.environmentId().value());
            decimal("quantity", line.quantity());
            json.writeStringProperty("unit", line.unit().wireName());
            decimal("rate", line.rate());
            decimal("exactAmount", line.exactAmount());
            money("amount", line.amount());
            json.writeBooleanProperty("adjustment", line.adjustment());
            json.writeEndObject();
        }
        json.writeEndArray();
        money("subtotal", period.subtotal());
        money("creditsApplied", period.creditsApplied());
        money("total", period.total());
    }

    private void optional(String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private void money(String name, Money money) {
        decimal(name, money == null ? null : money.amount());
    }

    private void decimal(String name, BigDecimal value) {
        json.writeStringProperty(name, value == null ? null : value.toPlainString());
    }

    /** Ends the export. Not called when it failed, so a cut-off JSON export never parses as a whole one. */
    void finish() {
        json.writeEndArray();
        json.writeEndObject();
        json.close();
    }
}
