package dev.tally.query.account;

import dev.tally.api.DomainException;
import dev.tally.api.PageView;
import dev.tally.api.account.AccountStatus;
import dev.tally.api.account.AccountView;
import dev.tally.api.account.BillingMode;
import dev.tally.query.Paging;
import dev.tally.schema.jooq.tables.records.AccountRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.tally.schema.jooq.Tables.ACCOUNT;

@RestController
@RequestMapping("/api/v1/accounts")
public class AccountQueryController {

    private final DSLContext db;

    public AccountQueryController(DSLContext db) {
        this.db = db;
    }

    @GetMapping
    public PageView<AccountView> list(@RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return new Paging(page, size).fetch(db, ACCOUNT, DSL.noCondition(), AccountQueryController::view,
                ACCOUNT.OPENED_AT, ACCOUNT.ID);
    }

    @GetMapping("/{accountId}")
    public AccountView get(@PathVariable String accountId) {
        return db.selectFrom(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(AccountQueryController::view)
                .orElseThrow(() -> DomainException.notFound("no account " + accountId));
    }

    private static AccountView view(AccountRecord row) {
        return new AccountView(row.getId(), row.getEmail(), row.getName(), row.getCurrency(),
                BillingMode.valueOf(row.getBillingMode()), AccountStatus.valueOf(row.getStatus()),
                row.getSubject(), row.getPriceBookId(), row.getOpenedAt().toInstant());
    }
}
