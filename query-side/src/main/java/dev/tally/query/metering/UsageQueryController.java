package dev.tally.query.metering;

import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.MoneyView;
import dev.tally.api.metering.Meter;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.tally.schema.jooq.Tables.ACCOUNT;
import static dev.tally.schema.jooq.Tables.ENVIRONMENT;
import static dev.tally.schema.jooq.Tables.SCRAPE_WINDOW;
import static dev.tally.schema.jooq.Tables.USAGE;
import static dev.tally.schema.jooq.Tables.USAGE_COST;

/**
 * An account's usage from the usage read model, summed per UTC bucket and meter, with what it was charged from the
 * usage-costs read model, joined row by row (same UsageMeasured event, same meter). A measured window counts in the
 * period its start falls in (windows never cross an hour).
 */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}/usage")
public class UsageQueryController {

    /** About 8,800 hourly buckets per meter and environment: the most one answer holds. */
    static final Duration MAX_HOURLY_PERIOD = Duration.ofDays(366);

    /**
     * Each usage row with its charge, if it has been rated: the usage and its cost come from separate groups. A cost
     * has its usage row's account and hour, and saying so lets PostgreSQL read the costs through their (account,
     * hour) index, whichever join it picks, instead of hashing the whole cost table for every read.
     */
    private static final Table<?> USAGE_WITH_COST = USAGE.leftJoin(USAGE_COST)
            .on(USAGE_COST.USAGE_EVENT_ID.eq(USAGE.EVENT_ID).and(USAGE_COST.METER.eq(USAGE.METER))
                    .and(USAGE_COST.ACCOUNT_ID.eq(USAGE.ACCOUNT_ID))
                    .and(USAGE_COST.HOUR_START.eq(USAGE.HOUR_START)));

    /** Null when no row summed has a cost. */
    private static final Field<BigDecimal> COST = DSL.sum(USAGE_COST.AMOUNT).as("cost");

    private final DSLContext db;
    private final Clock clock;

    public UsageQueryController(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @GetMapping
    public UsageView usage(@PathVariable String accountId,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(defaultValue = "day") String granularity,
                           @RequestParam(defaultValue = "meter") String groupBy) {
        FieldErrors errors = new FieldErrors();
        Period period = Period.required(from, to, errors);
        Granularity buckets = Granularity.parse(granularity, errors);
        UsageGrouping grouping = UsageGrouping.parse(groupBy, errors);
        if (period != null && buckets == Granularity.HOUR) {
            errors.check(period.length().compareTo(MAX_HOURLY_PERIOD) <= 0, "to",
                    "must be at most 366 days after from with granularity=hour");
        }
        errors.throwIfAny();
        Currency currency = accountCurrency(accountId);

        // In UTC whatever the session's time zone: it would otherwise decide where a day or month starts. Rows are
        // hours already, so hourly buckets are the rows' own. Starts are read as epoch seconds, not parsed as text.
        Field<OffsetDateTime> start = buckets == Granularity.HOUR ? USAGE.HOUR_START
                : DSL.function("date_trunc", SQLDataType.TIMESTAMPWITHTIMEZONE, DSL.inline(buckets.truncation()),
                        USAGE.HOUR_START, DSL.inline("UTC"));
        Field<Long> startSecond = DSL.extract(start, DatePart.EPOCH).cast(SQLDataType.BIGINT);
        Field<BigDecimal> quantity = DSL.sum(USAGE.QUANTITY);
        boolean byEnvironment = grouping == UsageGrouping.ENVIRONMENT;
        List<Field<?>> keys = byEnvironment
                ? List.of(start, USAGE.ENVIRONMENT_ID, USAGE.METER)
                : List.of(start, USAGE.METER);
        List<SelectField<?>> columns = new ArrayList<>(keys.subList(1, keys.size()));
        columns.add(startSecond);
        columns.add(quantity);
        columns.add(COST);

        var items = db.select(columns)
                .from(USAGE_WITH_COST)
                .where(within(accountId, period))
                .groupBy(keys)
                .orderBy(keys)
                .fetch(row -> {
                    Meter meter = Meter.valueOf(row.get(USAGE.METER));
                    return new UsageItemView(Instant.ofEpochSecond(row.get(startSecond)), DisplayUnits.meter(meter),
                            byEnvironment ? row.get(USAGE.ENVIRONMENT_ID) : null,
                            DisplayUnits.quantity(meter, row.get(quantity)), DisplayUnits.unit(meter),
                            MoneyView.of(row.get(COST), currency));
                });
        return new UsageView(items);
    }

    /** Without from and to: the current calendar month in UTC, by the engine's clock. */
    @GetMapping("/summary")
    public UsageSummaryView summary(@PathVariable String accountId,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to) {
        FieldErrors errors = new FieldErrors();
        Period period = Period.orElse(from, to, Period.monthOf(clock.instant()), errors);
        errors.throwIfAny();
        Currency currency = accountCurrency(accountId);

        Field<BigDecimal> quantity = DSL.sum(USAGE.QUANTITY);
        var perMeter = db.select(USAGE.METER, quantity, COST)
                .from(USAGE_WITH_COST)
                .where(within(accountId, period))
                .groupBy(USAGE.METER)
                .fetch();
        Map<Meter, BigDecimal> totals = new EnumMap<>(Meter.class);
        perMeter.forEach(row -> totals.put(Meter.valueOf(row.value1()), row.value2()));
        BigDecimal cost = perMeter.stream().map(Record3::value3).filter(Objects::nonNull)
                .reduce(BigDecimal::add).orElse(null);
        return new UsageSummaryView(period.from(), period.to(),
                DisplayUnits.quantity(Meter.CPU, totals.get(Meter.CPU)),
                DisplayUnits.quantity(Meter.GPU, totals.get(Meter.GPU)),
                DisplayUnits.quantity(Meter.MEMORY, totals.get(Meter.MEMORY)),
                DisplayUnits.quantity(Meter.STORAGE, totals.get(Meter.STORAGE)),
                DisplayUnits.quantity(Meter.EGRESS, totals.get(Meter.EGRESS)),
                MoneyView.of(cost, currency),
                coverage(accountId, period));
    }

    /** The mean over the clusters the account has environments on of the share their scrapes cover. */
    private String coverage(String accountId, Period period) {
        List<String> clusters = db.selectDistinct(ENVIRONMENT.CLUSTER_ID)
                .from(ENVIRONMENT)
                .where(ENVIRONMENT.ACCOUNT_ID.eq(accountId))
                .fetch(ENVIRONMENT.CLUSTER_ID);
        Map<String, List<Coverage.Window>> windows = db
                .select(SCRAPE_WINDOW.CLUSTER_ID, SCRAPE_WINDOW.WINDOW_FROM, SCRAPE_WINDOW.WINDOW_TO)
                .from(SCRAPE_WINDOW)
                .where(SCRAPE_WINDOW.CLUSTER_ID.in(clusters)
                        .and(SCRAPE_WINDOW.GAP.isFalse())
                        .and(SCRAPE_WINDOW.WINDOW_TO.gt(period.utcFrom()))
                        .and(SCRAPE_WINDOW.WINDOW_FROM.lt(period.utcTo())))
                .fetchGroups(SCRAPE_WINDOW.CLUSTER_ID,
                        row -> new Coverage.Window(row.value2().toInstant(), row.value3().toInstant()));
        List<Duration> covered = clusters.stream()
                .map(cluster -> Coverage.covered(windows.getOrDefault(cluster, List.of()), period))
                .toList();
        return Coverage.meanShare(covered, period);
    }

    /** Windows starting in the period; the bound on the hour is implied, and lets the index find the rows. */
    private static Condition within(String accountId, Period period) {
        return USAGE.ACCOUNT_ID.eq(accountId)
                .and(USAGE.HOUR_START.ge(period.from().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC)))
                .and(USAGE.HOUR_START.lt(period.utcTo()))
                .and(USAGE.WINDOW_FROM.ge(period.utcFrom()))
                .and(USAGE.WINDOW_FROM.lt(period.utcTo()));
    }

    /** Costs are in the account's currency, as its price book is. */
    private Currency accountCurrency(String accountId) {
        return db.select(ACCOUNT.CURRENCY)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(ACCOUNT.CURRENCY)
                .map(Currency::getInstance)
                .orElseThrow(() -> DomainException.notFound("no account " + accountId));
    }
}
