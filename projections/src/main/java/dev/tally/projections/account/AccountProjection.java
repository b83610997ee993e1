package dev.tally.projections.account;

import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountReinstated;
import dev.tally.api.account.AccountStatus;
import dev.tally.api.account.AccountSuspended;
import dev.tally.api.account.BillingModeChanged;
import dev.tally.api.account.PriceBookAssigned;
import dev.tally.api.account.StripeCustomerLinked;
import dev.tally.api.account.SubjectLinked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.ACCOUNT;

/**
 * The accounts read model: one row per account with its current identity, billing mode, status and Stripe customer.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {

    public static final String PROCESSING_GROUP = "accounts";

    private final DSLContext db;

    public AccountProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(AccountOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        db.insertInto(ACCOUNT)
                .set(ACCOUNT.ID, event.accountId().value())
                .set(ACCOUNT.EMAIL, event.email())
                .set(ACCOUNT.NAME, event.name())
                .set(ACCOUNT.CURRENCY, event.currency().getCurrencyCode())
                .set(ACCOUNT.BILLING_MODE, event.billingMode().name())
                .set(ACCOUNT.STATUS, AccountStatus.ACTIVE.name())
                .set(ACCOUNT.SUBJECT, event.subject())
                .set(ACCOUNT.PRICE_BOOK_ID, event.priceBookId())
                .set(ACCOUNT.OPENED_AT, utc(event.openedAt()))
                .set(ACCOUNT.UPDATED_AT, utc(at))
                .set(ACCOUNT.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(BillingModeChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.BILLING_MODE, event.billingMode().name()));
    }

    @EventHandler
    void on(AccountSuspended event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.STATUS, AccountStatus.SUSPENDED.name()));
    }

    @EventHandler
    void on(AccountReinstated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.STATUS, AccountStatus.ACTIVE.name()));
    }

    @EventHandler
    void on(PriceBookAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.PRICE_BOOK_ID, event.priceBookId().value()));
    }

    @EventHandler
    void on(StripeCustomerLinked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.STRIPE_CUSTOMER_ID, event.stripeCustomerId()));
    }

    @EventHandler
    void on(SubjectLinked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.SUBJECT, event.subject()));
    }

    @EventHandler
    void on(AccountClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.accountId().value(), sequence, at, Map.of(ACCOUNT.STATUS, AccountStatus.CLOSED.name()));
    }

    /** Applies a change once: a redelivered event (sequence not newer than the row's) changes nothing. */
    private void update(String accountId, long sequence, Instant at, Map<Field<String>, String> changes) {
        db.update(ACCOUNT)
                .set(changes)
                .set(ACCOUNT.UPDATED_AT, utc(at))
                .set(ACCOUNT.LAST_SEQUENCE, sequence)
                .where(ACCOUNT.ID.eq(accountId).and(ACCOUNT.LAST_SEQUENCE.lt(sequence)))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(ACCOUNT).execute();
    }
}
