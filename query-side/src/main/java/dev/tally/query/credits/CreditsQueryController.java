package dev.tally.query.credits;

import dev.tally.api.DomainException;
import dev.tally.api.MoneyView;
import dev.tally.api.PageView;
import dev.tally.api.account.BillingMode;
import dev.tally.query.Paging;
import dev.tally.query.metering.Period;
import dev.tally.schema.jooq.tables.records.AccountBalanceRecord;
import dev.tally.schema.jooq.tables.records.LedgerEntryRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;

import static dev.tally.schema.jooq.Tables.ACCOUNT_ACCRUAL;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/** An account's balance and ledger, from the balances and ledger read models. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
public class CreditsQueryController {

    private final DSLContext db;
    private final Clock clock;

    public CreditsQueryController(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * One statement, so the totals and the accrual are of one moment. Until billing periods exist, the open period
     * is the current calendar month in UTC by the engine's clock. Only a prepaid balance runs low; the ledger
     * decides when, against its threshold.
     */
    @GetMapping("/balance")
    public BalanceView balance(@PathVariable String accountId) {
        Record found = db.select(ACCOUNT_BALANCE.asterisk(), ACCOUNT_ACCRUAL.ACCRUED)
                .from(ACCOUNT_BALANCE)
                .leftJoin(ACCOUNT_ACCRUAL)
                .on(ACCOUNT_ACCRUAL.ACCOUNT_ID.eq(ACCOUNT_BALANCE.ACCOUNT_ID)
                        .and(ACCOUNT_ACCRUAL.PERIOD_START.eq(Period.monthOf(clock.instant()).utcFrom())))
                .where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(accountId))
                .fetchOptional()
                .orElseThrow(() -> notFound(accountId));
        AccountBalanceRecord row = found.into(ACCOUNT_BALANCE);
        BigDecimal accrued = found.get(ACCOUNT_ACCRUAL.ACCRUED);
        Currency currency = Currency.getInstance(row.getCurrency());
        BillingMode billingMode = BillingMode.valueOf(row.getBillingMode());
        return new BalanceView(accountId, billingMode,
                MoneyView.of(row.getBalance(), currency),
                MoneyView.of(row.getTotalGranted(), currency),
                MoneyView.of(row.getTotalUsed(), currency),
                MoneyView.of(row.getTotalExpired(), currency),
                MoneyView.of(row.getTotalRefunded(), currency),
                MoneyView.of(row.getTotalReversed(), currency),
                MoneyView.of(row.getTotalHeld(), currency),
                MoneyView.of(row.getUncollected(), currency),
                MoneyView.of(accrued == null ? BigDecimal.ZERO : accrued, currency),
                billingMode == BillingMode.PREPAID && row.getLowBalance(),
                row.getAsOf().toInstant());
    }

    @GetMapping("/ledger")
    public PageView<LedgerEntryView> ledger(@PathVariable String accountId,
                                            @RequestParam(required = false)
                                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                            @RequestParam(required = false)
                                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                            @RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        requireLedger(accountId);
        Condition where = LEDGER_ENTRY.ACCOUNT_ID.eq(accountId);
        if (from != null) {
            where = where.and(LEDGER_ENTRY.AT.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            where = where.and(LEDGER_ENTRY.AT.lt(to.atOffset(ZoneOffset.UTC)));
        }
        return paging.fetch(db, LEDGER_ENTRY, where, CreditsQueryController::entry, LEDGER_ENTRY.SEQUENCE,
                LEDGER_ENTRY.POSTING);
    }

    private void requireLedger(String accountId) {
        if (!db.fetchExists(ACCOUNT_BALANCE, ACCOUNT_BALANCE.ACCOUNT_ID.eq(accountId))) {
            throw notFound(accountId);
        }
    }

    private static DomainException notFound(String accountId) {
        return DomainException.notFound("no account " + accountId);
    }

    private static LedgerEntryView entry(LedgerEntryRecord row) {
        Currency currency = Currency.getInstance(row.getCurrency());
        return new LedgerEntryView(row.getEventId(), row.getPosting(), row.getAt().toInstant(), row.getKind(),
                row.getDebit(), row.getCredit(), MoneyView.of(row.getAmount(), currency),
                MoneyView.of(row.getBalanceAfter(), currency), row.getGrantId(), row.getUsageId(), row.getPriceBookId(),
                row.getPriceVersion(), row.getInvoiceId());
    }
}
