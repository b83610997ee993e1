package dev.tally.query.pricing;

import dev.tally.api.DomainException;
import dev.tally.api.PageView;
import dev.tally.api.metering.Meter;
import dev.tally.query.Paging;
import dev.tally.schema.jooq.tables.records.PriceBookRecord;
import dev.tally.schema.jooq.tables.records.PriceRateRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tally.schema.jooq.Tables.PRICE_BOOK;
import static dev.tally.schema.jooq.Tables.PRICE_RATE;

/** Price books from the price books read model (API.md, Prices). */
@RestController
@RequestMapping("/api/v1/price-books")
public class PriceBookQueryController {

    /** Rates are listed in the order API.md lists the meters: cpu, memory, gpu, storage, egress. */
    private static final List<String> METER_ORDER = Arrays.stream(Meter.values())
            .map(meter -> meter.name().toLowerCase(Locale.ROOT))
            .toList();

    private final DSLContext db;

    public PriceBookQueryController(DSLContext db) {
        this.db = db;
    }

    @GetMapping
    public PageView<PriceBookSummaryView> list(@RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "50") int size) {
        return new Paging(page, size).fetch(db, PRICE_BOOK, DSL.noCondition(), PriceBookQueryController::summary,
                PRICE_BOOK.CREATED_AT, PRICE_BOOK.ID);
    }

    @GetMapping("/{priceBookId}")
    public PriceBookView get(@PathVariable String priceBookId) {
        PriceBookRecord book = db.selectFrom(PRICE_BOOK)
                .where(PRICE_BOOK.ID.eq(priceBookId))
                .fetchOptional()
                .orElseThrow(() -> DomainException.notFound("no price book " + priceBookId));
        Map<Integer, List<PriceRateRecord>> versions = new LinkedHashMap<>();
        db.selectFrom(PRICE_RATE)
                .where(PRICE_RATE.PRICE_BOOK_ID.eq(priceBookId))
                .orderBy(PRICE_RATE.VERSION, PRICE_RATE.METER.sortAsc(METER_ORDER))
                .forEach(rate -> versions.computeIfAbsent(rate.getVersion(), version -> new ArrayList<>()).add(rate));
        return new PriceBookView(book.getId(), book.getName(), book.getCurrency(), book.getCreatedAt().toInstant(),
                instant(book.getRatedThrough()), versions.values().stream().map(PriceBookQueryController::version)
                .toList());
    }

    /** Every row of a version repeats its start, rounding and publication, so the first row speaks for it. */
    private static PriceVersionView version(List<PriceRateRecord> rates) {
        PriceRateRecord first = rates.getFirst();
        return new PriceVersionView(first.getVersion(), first.getEffectiveFrom().toInstant(), first.getRounding(),
                first.getPublishedAt().toInstant(), rates.stream().map(PriceBookQueryController::rate).toList());
    }

    private static PriceRateView rate(PriceRateRecord row) {
        return new PriceRateView(row.getMeter(), row.getUnit(), row.getPrice().stripTrailingZeros().toPlainString(),
                row.getBasis());
    }

    private static PriceBookSummaryView summary(PriceBookRecord row) {
        return new PriceBookSummaryView(row.getId(), row.getName(), row.getCurrency(),
                row.getCreatedAt().toInstant(), instant(row.getRatedThrough()));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
