package dev.tally.integrations.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.account.AccountStatus;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.Currency;
import java.util.Optional;

import static dev.tally.schema.jooq.Tables.ACCOUNT;

/** Accounts from the "accounts" read model, which follows the event store a moment behind. */
@Component
public class PayingAccounts {

    private final DSLContext db;

    public PayingAccounts(DSLContext db) {
        this.db = db;
    }

    public Optional<PayingAccount> find(AccountId accountId) {
        return db.select(ACCOUNT.EMAIL, ACCOUNT.NAME, ACCOUNT.CURRENCY, ACCOUNT.STATUS, ACCOUNT.STRIPE_CUSTOMER_ID)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId.value()))
                .fetchOptional(row -> new PayingAccount(accountId, row.value1(), row.value2(),
                        Currency.getInstance(row.value3().trim()), AccountStatus.valueOf(row.value4()),
                        row.value5()));
    }
}
