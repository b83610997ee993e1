package dev.tally.query.environment;

import dev.tally.api.DomainException;
import dev.tally.api.PageView;
import dev.tally.api.environment.EnvironmentStatus;
import dev.tally.query.Paging;
import dev.tally.schema.jooq.tables.records.EnvironmentRecord;
import org.jooq.DSLContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.tally.schema.jooq.Tables.ACCOUNT;
import static dev.tally.schema.jooq.Tables.ENVIRONMENT;

/** Environments from the environments read model: one, or an account's. */
@RestController
public class EnvironmentQueryController {

    private final DSLContext db;

    public EnvironmentQueryController(DSLContext db) {
        this.db = db;
    }

    @GetMapping("/api/v1/environments/{environmentId}")
    public EnvironmentView get(@PathVariable String environmentId) {
        return db.selectFrom(ENVIRONMENT)
                .where(ENVIRONMENT.ID.eq(environmentId))
                .fetchOptional(EnvironmentQueryController::view)
                .orElseThrow(() -> DomainException.notFound("no environment " + environmentId));
    }

    @GetMapping("/api/v1/accounts/{accountId}/environments")
    public PageView<EnvironmentView> ofAccount(@PathVariable String accountId,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "50") int size) {
        Paging paging = new Paging(page, size);
        if (!db.fetchExists(ACCOUNT, ACCOUNT.ID.eq(accountId))) {
            throw DomainException.notFound("no account " + accountId);
        }
        return paging.fetch(db, ENVIRONMENT, ENVIRONMENT.ACCOUNT_ID.eq(accountId), EnvironmentQueryController::view,
                ENVIRONMENT.REGISTERED_AT, ENVIRONMENT.ID);
    }

    private static EnvironmentView view(EnvironmentRecord row) {
        return new EnvironmentView(row.getId(), row.getAccountId(), row.getClusterId(), row.getName(),
                row.getNamespace(), row.getTier(), row.getMaxUptimeMinutes(),
                EnvironmentStatus.valueOf(row.getStatus()),
                row.getCpuCores() == null ? null : row.getCpuCores().stripTrailingZeros().toPlainString(),
                row.getMemoryBytes(), row.getGpus(), row.getRegisteredAt().toInstant(),
                row.getUpdatedAt().toInstant());
    }
}
