package dev.tally.projections.credits;

import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.LedgerBillingModeChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;

/**
 * The balance read model: per account, the balance and the running totals behind it, at full precision. Fed by the
 * account's Credits ledger only, so its events arrive in ledger order.
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
public class BalanceProjection {

    public static final String PROCESSING_GROUP = "balances";

    private final DSLContext db;

    public BalanceProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(CreditLedgerOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        db.insertInto(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.ACCOUNT_ID, event.accountId().value())
                .set(ACCOUNT_BALANCE.CURRENCY, event.currency().getCurrencyCode())
                .set(ACCOUNT_BALANCE.BILLING_MODE, event.billingMode().name())
                .set(ACCOUNT_BALANCE.BALANCE, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.TOTAL_GRANTED, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.TOTAL_USED, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.TOTAL_EXPIRED, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.ACCRUED_PERIOD, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.AS_OF, utc(at))
                .set(ACCOUNT_BALANCE.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(LedgerBillingModeChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId().value(), sequence, at,
                Map.of(ACCOUNT_BALANCE.BILLING_MODE, event.billingMode().name()), Map.of());
    }

    @EventHandler
    void on(CreditsGranted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BigDecimal amount = event.amount().amount();
        apply(event.accountId().value(), sequence, at, Map.of(),
                Map.of(ACCOUNT_BALANCE.BALANCE, amount, ACCOUNT_BALANCE.TOTAL_GRANTED, amount));
    }

    @EventHandler
    void on(CreditsExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BigDecimal amount = event.amount().amount();
        apply(event.accountId().value(), sequence, at, Map.of(),
                Map.of(ACCOUNT_BALANCE.BALANCE, amount.negate(), ACCOUNT_BALANCE.TOTAL_EXPIRED, amount));
    }

    /**
     * Sets {@code values} and adds {@code deltas}, once: a redelivered event (sequence not newer than the row's)
     * changes nothing.
     */
    private void apply(String accountId, long sequence, Instant at, Map<Field<String>, String> values,
                       Map<Field<BigDecimal>, BigDecimal> deltas) {
        var update = db.update(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.AS_OF, utc(at))
                .set(ACCOUNT_BALANCE.LAST_SEQUENCE, sequence);
        values.forEach(update::set);
        deltas.forEach((field, delta) -> update.set(field, field.plus(delta)));
        update.where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(accountId).and(ACCOUNT_BALANCE.LAST_SEQUENCE.lt(sequence)))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(ACCOUNT_BALANCE).execute();
    }
}
