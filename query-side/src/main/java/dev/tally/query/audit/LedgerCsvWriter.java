package dev.tally.query.audit;

import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.UsageCharged;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ledger export as CSV: a header, then a row per posting with the event behind it, its chain hashes, the
 * balance after it and, for a usage charge, the price book version and the rates it was rated at. Events that post
 * nothing have no row; the JSON export has every event.
 */
final class LedgerCsvWriter {

    static final List<String> HEADER = List.of("event_id", "account_id", "sequence", "recorded_at", "kind",
            "chain_hash", "previous_hash", "posting", "debit", "credit", "amount", "currency", "balance_after",
            "grant_id", "usage_id", "invoice_id", "price_book_id", "price_version", "rates");
    private static final int FLUSH_EVERY = 200;

    private final Writer out;
    private int rows;

    LedgerCsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        row(HEADER);
    }

    void write(ExportedEvent exported) {
        UsageCharged usage = exported.event() instanceof UsageCharged charged ? charged : null;
        for (ExportedEvent.ExportedPosting posting : exported.postings()) {
            row(Arrays.asList(exported.stored().eventId(), exported.accountId(), exported.stored().sequence(),
                    exported.stored().recordedAt(), exported.kind(), exported.hash(), exported.previousHash(),
                    posting.posting(), posting.debit(), posting.credit(), posting.amount().toPlainString(),
                    posting.currency(), posting.balanceAfter().toPlainString(), exported.grantId(),
                    exported.usageId(), exported.invoiceId(), usage == null ? null : usage.priceBookId().value(),
                    usage == null ? null : usage.priceVersion(), usage == null ? null : rates(usage)));
        }
    }

    /** {@code cpu 0.05/core-hour; memory 0.005/gb-hour} */
    static String rates(UsageCharged usage) {
        return usage.lines().stream().map(LedgerCsvWriter::rate).distinct().collect(Collectors.joining("; "));
    }

    private static String rate(ChargeLine line) {
        return line.meter().name().toLowerCase(Locale.ROOT) + " " + line.price().toPlainString() + "/"
                + line.priceUnit().wireName();
    }

    private void row(List<?> fields) {
        try {
            Csv.writeRow(out, fields);
            if (++rows % FLUSH_EVERY == 0) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the export. */
    void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
