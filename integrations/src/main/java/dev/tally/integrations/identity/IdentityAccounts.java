package dev.tally.integrations.identity;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.account.AccountStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static dev.tally.schema.jooq.Tables.ACCOUNT;
import static dev.tally.schema.jooq.Tables.CLUSTER;
import static dev.tally.schema.jooq.Tables.CLUSTER_ACCOUNT;

/**
 * What the read models know of accounts and clusters, for signing in. They follow the event store a moment behind:
 * the caller decides nothing from them that the aggregates do not confirm.
 */
@Component
public class IdentityAccounts {

    static final String ACTIVE_CLUSTER = "ACTIVE";

    /** An account as the read model has it. */
    record KnownAccount(AccountId id, AccountStatus status) {
    }

    private final DSLContext db;

    public IdentityAccounts(DSLContext db) {
        this.db = db;
    }

    /** The account the identity provider's user signs in as; the oldest if an admin opened several. */
    Optional<KnownAccount> linkedTo(String subject) {
        return db.select(ACCOUNT.ID, ACCOUNT.STATUS)
                .from(ACCOUNT)
                .where(ACCOUNT.SUBJECT.eq(subject))
                .orderBy(ACCOUNT.OPENED_AT, ACCOUNT.ID)
                .limit(1)
                .fetchOptional(row -> new KnownAccount(AccountId.of(row.value1()),
                        AccountStatus.valueOf(row.value2())));
    }

    /** The oldest open account with this e-mail (in any case) that no identity is linked to yet. */
    Optional<KnownAccount> unlinkedWithEmail(String email) {
        return db.select(ACCOUNT.ID, ACCOUNT.STATUS)
                .from(ACCOUNT)
                .where(DSL.lower(ACCOUNT.EMAIL).eq(DSL.lower(DSL.val(email)))
                        .and(ACCOUNT.SUBJECT.isNull())
                        .and(ACCOUNT.STATUS.ne(AccountStatus.CLOSED.name())))
                .orderBy(ACCOUNT.OPENED_AT, ACCOUNT.ID)
                .limit(1)
                .fetchOptional(row -> new KnownAccount(AccountId.of(row.value1()),
                        AccountStatus.valueOf(row.value2())));
    }

    Optional<ClusterId> clusterOf(AccountId accountId) {
        return db.select(CLUSTER_ACCOUNT.CLUSTER_ID)
                .from(CLUSTER_ACCOUNT)
                .where(CLUSTER_ACCOUNT.ACCOUNT_ID.eq(accountId.value()))
                .limit(1)
                .fetchOptional(row -> ClusterId.of(row.value1()));
    }

    /** Registered clusters with room, the emptiest first, then in the order they were registered. */
    List<ClusterId> clustersWithRoom() {
        return db.select(CLUSTER.ID)
                .from(CLUSTER)
                .where(CLUSTER.STATUS.eq(ACTIVE_CLUSTER)
                        .and(CLUSTER.ACCOUNTS_ASSIGNED.lt(CLUSTER.MAX_ACCOUNTS)))
                .orderBy(CLUSTER.ACCOUNTS_ASSIGNED, CLUSTER.REGISTERED_AT, CLUSTER.ID)
                .fetch(row -> ClusterId.of(row.value1()));
    }
}
