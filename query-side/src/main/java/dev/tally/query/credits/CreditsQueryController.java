package dev.tally.query.credits;

import dev.tally.api.DomainException;
import dev.tally.api.Money;
import dev.tally.api.MoneyView;
import dev.tally.api.PageView;
import dev.tally.api.account.BillingMode;
import dev.tally.query.Paging;
import dev.tally.schema.jooq.tables.records.AccountBalanceRecord;
import dev.tally.schema.jooq.tables.records.LedgerEntryRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;

import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/** An account's balance and ledger, from the balances and ledger read models. */
@RestController
@RequestMapping("/api/v1/accounts/{accountId}")
public class CreditsQueryController {

    private final DSLContext db;

    public CreditsQueryController(DSLContext db) {
        this.db = db;
    }

    @GetMapping("/balance")
    public BalanceView balance(@PathVariable String accountId) {
        AccountBalanceRecord row = balanceRow(accountId);
        Currency currency = Currency.getInstance(row.getCurrency());
        BillingMode billingMode = BillingMode.valueOf(row.getBillingMode());
        return new BalanceView(accountId, billingMode,
                money(row.getBalance(), currency),
                money(row.getTotalGranted(), currency),
                money(row.getTotalUsed(), currency),
                money(row.getTotalExpired(), currency),
                money(row.getAccruedPeriod(), currency),
                billingMode == BillingMode.PREPAID && row.getBalance().signum() <= 0,
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
        balanceRow(accountId);
        Condition where = LEDGER_ENTRY.ACCOUNT_ID.eq(accountId);
        if (from != null) {
            where = where.and(LEDGER_ENTRY.AT.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            where = where.and(LEDGER_ENTRY.AT.lt(to.atOffset(ZoneOffset.UTC)));
        }
        return paging.fetch(db, LEDGER_ENTRY, where, CreditsQueryController::entry, LEDGER_ENTRY.SEQUENCE);
    }

    private AccountBalanceRecord balanceRow(String accountId) {
        return db.selectFrom(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(accountId))
                .fetchOptional()
                .orElseThrow(() -> DomainException.notFound("no account " + accountId));
    }

    private static LedgerEntryView entry(LedgerEntryRecord row) {
        Currency currency = Currency.getInstance(row.getCurrency());
        return new LedgerEntryView(row.getEventId(), row.getAt().toInstant(), row.getKind(), row.getDebit(),
                row.getCredit(), money(row.getAmount(), currency), money(row.getBalanceAfter(), currency),
                row.getGrantId(), row.getInvoiceId());
    }

    private static MoneyView money(BigDecimal amount, Currency currency) {
        return MoneyView.of(new Money(amount, currency));
    }
}
