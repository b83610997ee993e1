package dev.tally.query.audit;

import dev.tally.api.MoneyView;
import dev.tally.api.credits.LedgerAccount;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/**
 * The trial balance over every posting in the ledger read model, per currency: what each ledger account was
 * debited and credited, and its balance (debits less credits). Double entry makes the balances of a currency sum
 * to zero; {@code balanced} says whether they do.
 */
@RestController
public class TrialBalanceController {

    /** One ledger account's totals in one currency. */
    public record AccountTotals(LedgerAccount ledgerAccount, MoneyView debits, MoneyView credits, MoneyView balance) {
    }

    /** One currency's ledger accounts, and whether their balances sum to zero at full precision. */
    public record CurrencyTotals(String currency, List<AccountTotals> accounts, boolean balanced) {
    }

    public record TrialBalance(List<CurrencyTotals> currencies, boolean balanced) {
    }

    private final DSLContext db;

    public TrialBalanceController(DSLContext db) {
        this.db = db;
    }

    @GetMapping("/api/v1/audit/trial-balance")
    public TrialBalance trialBalance() {
        Map<String, Map<LedgerAccount, BigDecimal[]>> sums = new TreeMap<>();
        add(sums, LEDGER_ENTRY.DEBIT, 0);
        add(sums, LEDGER_ENTRY.CREDIT, 1);
        List<CurrencyTotals> currencies = new ArrayList<>();
        sums.forEach((code, accounts) -> {
            Currency currency = Currency.getInstance(code);
            List<AccountTotals> totals = new ArrayList<>();
            BigDecimal net = BigDecimal.ZERO;
            for (var entry : accounts.entrySet()) {
                BigDecimal debits = entry.getValue()[0];
                BigDecimal credits = entry.getValue()[1];
                net = net.add(debits).subtract(credits);
                totals.add(new AccountTotals(entry.getKey(), MoneyView.of(debits, currency), MoneyView.of(credits, currency),
                        MoneyView.of(debits.subtract(credits), currency)));
            }
            currencies.add(new CurrencyTotals(code, totals, net.signum() == 0));
        });
        return new TrialBalance(currencies, currencies.stream().allMatch(CurrencyTotals::balanced));
    }

    /** Adds the sums of every posting's {@code side} (debit or credit) to {@code sums} at index {@code slot}. */
    private void add(Map<String, Map<LedgerAccount, BigDecimal[]>> sums, Field<String> side, int slot) {
        Field<BigDecimal> total = DSL.sum(LEDGER_ENTRY.AMOUNT);
        db.select(LEDGER_ENTRY.CURRENCY, side, total)
                .from(LEDGER_ENTRY)
                .groupBy(LEDGER_ENTRY.CURRENCY, side)
                .forEach(row -> sums.computeIfAbsent(row.value1(), currency -> new TreeMap<>())
                        .computeIfAbsent(LedgerAccount.valueOf(row.value2()),
                                account -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO})[slot] = row.value3());
    }
}
