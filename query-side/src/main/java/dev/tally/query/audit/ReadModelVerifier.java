package dev.tally.query.audit;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.audit.LedgerChain;
import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.InvoicePaymentFailed;
import dev.tally.api.billing.InvoiceVoided;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.credits.UsageLeftUnrated;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.metering.UsageMeasured;
import dev.tally.query.audit.LedgerReplay.Figure;
import org.axonframework.serialization.Serializer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.tally.schema.jooq.Tables.ACCOUNT_ACCRUAL;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.INVOICE;
import static dev.tally.schema.jooq.Tables.INVOICE_LINE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;
import static dev.tally.schema.jooq.Tables.USAGE;
import static dev.tally.schema.jooq.Tables.USAGE_COST;

/**
 * Verifies the read models against the event store: each account's ledger, usage and invoices are replayed in memory
 * from the stored events (never from the read models or an aggregate) and compared, field by field, with the
 * balance, accrual, ledger, usage-cost, usage and invoice read models. The ledger leads to the rest: its charges name
 * their usage events and its closed periods their invoices, so every event is found through an index. Each account is checked in one
 * repeatable-read transaction, so its read models, their processors' tokens and the events are one snapshot, and each
 * read model is compared only with the events its processor has handled.
 */
@Component
public class ReadModelVerifier {

    /** The processing groups whose read models are verified (named as the projections name them). */
    static final String BALANCES = "balances";
    static final String LEDGER = "ledger";
    static final String USAGE_COSTS = "usage-costs";
    static final String USAGE_GROUP = "usage";
    static final String INVOICES = "invoices";

    private static final Map<Figure, Field<BigDecimal>> FIGURES = Map.of(
            Figure.BALANCE, ACCOUNT_BALANCE.BALANCE,
            Figure.TOTAL_GRANTED, ACCOUNT_BALANCE.TOTAL_GRANTED,
            Figure.TOTAL_USED, ACCOUNT_BALANCE.TOTAL_USED,
            Figure.TOTAL_EXPIRED, ACCOUNT_BALANCE.TOTAL_EXPIRED,
            Figure.TOTAL_REFUNDED, ACCOUNT_BALANCE.TOTAL_REFUNDED,
            Figure.TOTAL_REVERSED, ACCOUNT_BALANCE.TOTAL_REVERSED,
            Figure.UNCOLLECTED, ACCOUNT_BALANCE.UNCOLLECTED,
            Figure.TOTAL_HELD, ACCOUNT_BALANCE.TOTAL_HELD);

    private final DSLContext db;
    private final StoredEvents events;
    private final Serializer serializer;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    public ReadModelVerifier(DSLContext db, StoredEvents events, Serializer serializer,
                             PlatformTransactionManager transactions, Clock clock) {
        this.db = db;
        this.events = events;
        this.serializer = serializer;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Verifies one account; NOT_FOUND when it has no ledger. */
    public Verification verify(AccountId accountId) {
        Check check = snapshot.execute(status -> check(accountId));
        if (check == null) {
            throw DomainException.notFound("no ledger for account " + accountId.value());
        }
        return new Verification(clock.instant(), 1, check.eventsReplayed(), check.mismatches());
    }

    /** Verifies every account with a ledger in the event store, and finds read-model rows of accounts without one. */
    public Verification verifyAll() {
        Instant started = clock.instant();
        // Read first: an account's ledger is stored before its balance row, so every row read now has a ledger below.
        List<String> withBalance = db.select(ACCOUNT_BALANCE.ACCOUNT_ID).from(ACCOUNT_BALANCE)
                .fetch(ACCOUNT_BALANCE.ACCOUNT_ID);
        List<AccountId> accounts = snapshot.execute(status -> {
            try (Stream<StoredEvent> ledgers = events.firstEventsOf(LedgerChain.AGGREGATE_TYPE)) {
                return ledgers.map(event -> AccountId.ofLedger(event.aggregateId())).toList();
            }
        });
        List<Mismatch> mismatches = new ArrayList<>();
        long replayed = 0;
        for (AccountId account : accounts) {
            Check check = snapshot.execute(status -> check(account));
            if (check != null) {
                mismatches.addAll(check.mismatches());
                replayed += check.eventsReplayed();
            }
        }
        Set<String> known = accounts.stream().map(AccountId::value).collect(Collectors.toSet());
        withBalance.stream().filter(account -> !known.contains(account)).sorted().forEach(account -> mismatches.add(
                new Mismatch(account, BALANCES, account, "row", null, "present", List.of())));
        return new Verification(started, accounts.size(), replayed, mismatches);
    }

    private record Check(long eventsReplayed, List<Mismatch> mismatches) {
    }

    /** An event as stored, and its payload. */
    private record Replayed(StoredEvent stored, Object payload) {
    }

    private Check check(AccountId accountId) {
        List<Replayed> ledger = read(events.ofAggregate(accountId.ledgerId()));
        if (ledger.isEmpty()) {
            return null;
        }
        Comparison comparison = new Comparison(accountId.value());
        checkBalance(comparison, replay(ledger, processedBy(BALANCES)));
        checkPostings(comparison, replay(ledger, processedBy(LEDGER)));
        checkCosts(comparison, replay(ledger, processedBy(USAGE_COSTS)));
        long usageEvents = checkUsage(comparison, ledger, processedBy(USAGE_GROUP));
        long invoiceEvents = checkInvoices(comparison, ledger, processedBy(INVOICES));
        return new Check(ledger.size() + usageEvents + invoiceEvents, comparison.mismatches);
    }

    private List<Replayed> read(Stream<StoredEvent> stored) {
        try (stored) {
            return stored.map(event -> new Replayed(event, event.payload(serializer))).toList();
        }
    }

    private Predicate<StoredEvent> processedBy(String processingGroup) {
        return ProcessedEvents.of(processingGroup, db, serializer)::handled;
    }

    private static LedgerReplay replay(List<Replayed> ledger, Predicate<StoredEvent> handled) {
        LedgerReplay replay = new LedgerReplay();
        ledger.stream().filter(event -> handled.test(event.stored()))
                .forEach(event -> replay.apply(event.stored(), event.payload()));
        return replay;
    }

    private void checkBalance(Comparison comparison, LedgerReplay replay) {
        Map<String, Row> expected = new LinkedHashMap<>();
        if (replay.opened()) {
            Row row = new Row(List.of(replay.lastEventId()));
            FIGURES.forEach((figure, column) -> row.put(column.getName(), replay.figure(figure),
                    replay.movedBy(figure)));
            row.with(ACCOUNT_BALANCE.CURRENCY.getName(), replay.currency().getCurrencyCode());
            row.with(ACCOUNT_BALANCE.BILLING_MODE.getName(), replay.billingMode().name());
            row.with(ACCOUNT_BALANCE.LOW_BALANCE.getName(), replay.lowBalance());
            expected.put(comparison.accountId, row);
        }
        comparison.rows(BALANCES, expected, db.selectFrom(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(comparison.accountId))
                .fetchMap(row -> row.getAccountId(), row -> row.intoMap()));

        Map<String, Row> accruals = new LinkedHashMap<>();
        replay.accruals().forEach((month, amount) -> {
            if (amount.signum() != 0) {
                accruals.put(month.toString(), new Row(List.of()).with(ACCOUNT_ACCRUAL.ACCRUED.getName(), amount));
            }
        });
        comparison.rows(BALANCES + "/accruals", accruals, db.selectFrom(ACCOUNT_ACCRUAL)
                .where(ACCOUNT_ACCRUAL.ACCOUNT_ID.eq(comparison.accountId)
                        .and(ACCOUNT_ACCRUAL.ACCRUED.ne(BigDecimal.ZERO)))
                .fetchMap(row -> YearMonth.from(row.getPeriodStart().atZoneSameInstant(ZoneOffset.UTC)).toString(),
                        row -> row.intoMap()));
    }

    private void checkPostings(Comparison comparison, LedgerReplay replay) {
        Map<String, Row> expected = new LinkedHashMap<>();
        for (LedgerReplay.PostingLine line : replay.postings()) {
            var movement = line.movement();
            expected.put(line.eventId() + "#" + line.posting(), new Row(List.of(line.eventId()))
                    .with(LEDGER_ENTRY.SEQUENCE.getName(), line.sequence())
                    .with(LEDGER_ENTRY.AT.getName(), line.at())
                    .with(LEDGER_ENTRY.KIND.getName(), movement.kind())
                    .with(LEDGER_ENTRY.DEBIT.getName(), line.entry().debit().name())
                    .with(LEDGER_ENTRY.CREDIT.getName(), line.entry().credit().name())
                    .with(LEDGER_ENTRY.AMOUNT.getName(), line.entry().amount().amount())
                    .with(LEDGER_ENTRY.CURRENCY.getName(), line.entry().amount().currency().getCurrencyCode())
                    .with(LEDGER_ENTRY.BALANCE_AFTER.getName(), line.balanceAfter())
                    .with(LEDGER_ENTRY.GRANT_ID.getName(), movement.grantId())
                    .with(LEDGER_ENTRY.USAGE_ID.getName(), movement.usageId())
                    .with(LEDGER_ENTRY.INVOICE_ID.getName(), movement.invoiceId())
                    .with(LEDGER_ENTRY.PRICE_BOOK_ID.getName(),
                            movement.priceBookId() == null ? null : movement.priceBookId().value())
                    .with(LEDGER_ENTRY.PRICE_VERSION.getName(), movement.priceVersion()));
        }
        comparison.rows(LEDGER, expected, db.selectFrom(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.ACCOUNT_ID.eq(comparison.accountId))
                .fetchMap(row -> row.getEventId() + "#" + row.getPosting(), row -> row.intoMap()));
    }

    private void checkCosts(Comparison comparison, LedgerReplay replay) {
        Map<String, Row> expected = new LinkedHashMap<>();
        replay.costs().forEach((key, cost) -> expected.put(key, new Row(List.of(cost.chargeEventId()))
                .with(USAGE_COST.CHARGE_EVENT_ID.getName(), cost.chargeEventId())
                .with(USAGE_COST.QUANTITY.getName(), cost.quantity())
                .with(USAGE_COST.AMOUNT.getName(), cost.amount())));
        comparison.rows(USAGE_COSTS, expected, db.selectFrom(USAGE_COST)
                .where(USAGE_COST.ACCOUNT_ID.eq(comparison.accountId))
                .fetchMap(row -> LedgerReplay.costKey(row.getUsageEventId(), row.getMeter()), row -> row.intoMap()));
    }

    /**
     * The usage rows of every window the ledger charged or left unrated, and of every row the read model holds for
     * the account, from their {@code UsageMeasured} events (looked up by id, so nothing scans the event store). A
     * window the ledger ignored as a repeat and the read model lacks is the one thing this cannot see.
     */
    private long checkUsage(Comparison comparison, List<Replayed> ledger, Predicate<StoredEvent> handled) {
        Set<String> usageIds = new LinkedHashSet<>();
        for (Replayed event : ledger) {
            switch (event.payload()) {
                case UsageCharged charged -> usageIds.add(charged.usageId());
                case UsageLeftUnrated unrated -> usageIds.add(unrated.usageId());
                default -> {
                }
            }
        }
        usageIds.addAll(db.selectDistinct(USAGE.EVENT_ID).from(USAGE)
                .where(USAGE.ACCOUNT_ID.eq(comparison.accountId)).fetch(USAGE.EVENT_ID));
        List<Replayed> usage = read(events.withIds(usageIds));
        Map<String, Row> expected = new LinkedHashMap<>();
        for (Replayed event : usage) {
            if (!(event.payload() instanceof UsageMeasured measured)
                    || !measured.accountId().value().equals(comparison.accountId) || !handled.test(event.stored())) {
                continue;
            }
            for (MeteredQuantity quantity : measured.quantities()) {
                String eventId = event.stored().eventId();
                expected.put(LedgerReplay.costKey(eventId, quantity.meter().name()), new Row(List.of(eventId))
                        .with(USAGE.ENVIRONMENT_ID.getName(), measured.environmentId().value())
                        .with(USAGE.WINDOW_FROM.getName(), measured.from())
                        .with(USAGE.WINDOW_TO.getName(), measured.to())
                        .with(USAGE.BASIS.getName(), quantity.basis().name())
                        .with(USAGE.QUANTITY.getName(), quantity.quantity()));
            }
        }
        comparison.rows(USAGE_GROUP, expected, db.selectFrom(USAGE)
                .where(USAGE.ACCOUNT_ID.eq(comparison.accountId))
                .fetchMap(row -> LedgerReplay.costKey(row.getEventId(), row.getMeter()), row -> row.intoMap()));
        return usage.size();
    }

    /**
     * Replays each invoice the ledger closed a period into, from the invoice's own events; answers how many events
     * that took. Invoice rows of the account that no closing names are mismatches.
     */
    private long checkInvoices(Comparison comparison, List<Replayed> ledger, Predicate<StoredEvent> handled) {
        Map<String, Row> expected = new LinkedHashMap<>();
        long replayed = 0;
        for (Replayed closing : ledger) {
            if (!(closing.payload() instanceof PeriodClosed closed)) {
                continue;
            }
            List<Replayed> invoice = read(events.ofAggregate(closed.invoiceId().aggregateId()));
            replayed += invoice.size();
            Row row = invoiceRow(invoice.stream().filter(event -> handled.test(event.stored())).toList());
            if (row != null) {
                expected.put(closed.invoiceId().value(), row);
            }
        }
        Map<String, Integer> lines = db.select(INVOICE_LINE.INVOICE_ID, DSL.count())
                .from(INVOICE_LINE).join(INVOICE).on(INVOICE.ID.eq(INVOICE_LINE.INVOICE_ID))
                .where(INVOICE.ACCOUNT_ID.eq(comparison.accountId))
                .groupBy(INVOICE_LINE.INVOICE_ID)
                .fetchMap(row -> row.value1(), row -> row.value2());
        comparison.rows(INVOICES, expected, db.selectFrom(INVOICE)
                .where(INVOICE.ACCOUNT_ID.eq(comparison.accountId))
                .fetchMap(row -> row.getId(), row -> {
                    Map<String, Object> values = row.intoMap();
                    values.put("lines", lines.getOrDefault(row.getId(), 0));
                    return values;
                }));
        return replayed;
    }

    /** The invoice row its handled events make, or null when its processor has not reached its draft yet. */
    private static Row invoiceRow(List<Replayed> invoice) {
        if (invoice.isEmpty() || !(invoice.getFirst().payload() instanceof InvoiceDrafted drafted)) {
            return null;
        }
        Row row = new Row(invoice.stream().map(event -> event.stored().eventId()).toList())
                .with(INVOICE.STATUS.getName(), "DRAFT")
                .with(INVOICE.SUBTOTAL.getName(), drafted.subtotal().amount())
                .with(INVOICE.CREDITS_APPLIED.getName(), drafted.creditsApplied().amount())
                .with(INVOICE.TOTAL.getName(), drafted.total().amount())
                .with(INVOICE.NUMBER.getName(), null)
                .with(INVOICE.PAID_AMOUNT.getName(), null)
                .with("lines", drafted.lines().size());
        BigDecimal credited = BigDecimal.ZERO;
        for (Replayed event : invoice) {
            switch (event.payload()) {
                case InvoiceFinalized e -> row.with(INVOICE.STATUS.getName(), "FINALIZED")
                        .with(INVOICE.NUMBER.getName(), e.number());
                case InvoicePaid e -> row.with(INVOICE.STATUS.getName(), "PAID")
                        .with(INVOICE.PAID_AMOUNT.getName(), e.amount().amount());
                case InvoicePaymentFailed e -> row.with(INVOICE.STATUS.getName(), "PAYMENT_FAILED");
                case InvoiceVoided e -> row.with(INVOICE.STATUS.getName(), "VOID");
                case CreditNoteIssued e -> credited = credited.add(e.amount().amount());
                default -> {
                }
            }
        }
        return row.with(INVOICE.CREDITED.getName(), credited);
    }

    /** The values a read-model row should hold, and the events behind them (per field where it differs). */
    private static final class Row {

        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, List<String>> evidence = new LinkedHashMap<>();
        private final List<String> eventIds;

        Row(List<String> eventIds) {
            this.eventIds = eventIds;
        }

        Row with(String field, Object value) {
            values.put(field, value);
            return this;
        }

        void put(String field, Object value, List<String> movedBy) {
            values.put(field, value);
            evidence.put(field, movedBy);
        }

        List<String> evidenceFor(String field) {
            return evidence.getOrDefault(field, eventIds);
        }
    }

    /** Collects the mismatches of one account. */
    private static final class Comparison {

        private final String accountId;
        private final List<Mismatch> mismatches = new ArrayList<>();

        Comparison(String accountId) {
            this.accountId = accountId;
        }

        /** Compares the expected rows with the read model's, by key; rows missing on either side are mismatches. */
        void rows(String readModel, Map<String, Row> expected, Map<String, Map<String, Object>> actual) {
            expected.forEach((key, row) -> {
                Map<String, Object> stored = actual.get(key);
                if (stored == null) {
                    mismatches.add(new Mismatch(accountId, readModel, key, "row", "present", null, row.eventIds));
                    return;
                }
                row.values.forEach((field, value) -> {
                    Object held = stored.get(field);
                    if (!same(value, held)) {
                        mismatches.add(new Mismatch(accountId, readModel, key, field, text(value), text(held),
                                row.evidenceFor(field)));
                    }
                });
            });
            actual.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key -> mismatches.add(
                    new Mismatch(accountId, readModel, key, "row", null, "present", List.of())));
        }

        private static boolean same(Object expected, Object held) {
            if (expected instanceof BigDecimal amount && held instanceof BigDecimal stored) {
                return amount.compareTo(stored) == 0;
            }
            if (expected instanceof Instant instant && held instanceof OffsetDateTime stored) {
                return instant.equals(stored.toInstant());
            }
            if (expected instanceof Number number && held instanceof Number stored) {
                return number.longValue() == stored.longValue();
            }
            return Objects.equals(expected, held);
        }

        private static String text(Object value) {
            return switch (value) {
                case null -> null;
                case BigDecimal amount -> amount.stripTrailingZeros().toPlainString();
                case OffsetDateTime at -> at.toInstant().toString();
                default -> value.toString();
            };
        }
    }
}
