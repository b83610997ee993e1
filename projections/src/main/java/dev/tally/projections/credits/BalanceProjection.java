package dev.tally.projections.credits;

import dev.tally.api.AccountId;
import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.ChargeReversed;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsHeld;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.InvoicePaymentReceived;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.LedgerBillingModeChanged;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.PurchaseReversed;
import dev.tally.api.credits.UsageCharged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static dev.tally.projections.Timestamps.monthOf;
import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.ACCOUNT_ACCRUAL;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;

/**
 * The balance read model: per account, the balance and the running totals behind it, at full precision, and the
 * postpaid accrual per calendar month of usage. Fed by the account's Credits ledger only, so its events arrive in
 * ledger order.
 *
 * <p>{@code total_used} is the credits usage took (directly, or later by settling debt), so for a prepaid account
 * balance = granted - used - expired - refunded + reversed - held (for a dispute). Postpaid usage takes no credits:
 * it accrues.
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
public class BalanceProjection {

    public static final String PROCESSING_GROUP = "balances";

    private final DSLContext db;

    public BalanceProjection(DSLContext db) {
        this.db = db;
    }

    /** A prepaid ledger starts low (nothing granted yet); the ledger says when that changes. */
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
                .set(ACCOUNT_BALANCE.TOTAL_REFUNDED, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.TOTAL_REVERSED, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.UNCOLLECTED, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.TOTAL_HELD, BigDecimal.ZERO)
                .set(ACCOUNT_BALANCE.LOW_BALANCE, event.billingMode() == BillingMode.PREPAID)
                .set(ACCOUNT_BALANCE.AS_OF, utc(at))
                .set(ACCOUNT_BALANCE.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(LedgerBillingModeChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, Map.of(ACCOUNT_BALANCE.BILLING_MODE, event.billingMode().name()));
    }

    @EventHandler
    void on(CreditsGranted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BigDecimal amount = event.amount().amount();
        apply(event.accountId(), sequence, at, Map.ofEntries(
                plus(ACCOUNT_BALANCE.BALANCE, amount),
                plus(ACCOUNT_BALANCE.TOTAL_GRANTED, amount)));
    }

    @EventHandler
    void on(CreditsExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        takeFromBalance(event.accountId(), sequence, at, event.amount().amount(), ACCOUNT_BALANCE.TOTAL_EXPIRED);
    }

    /**
     * What the charge took from the customer's credit is used; what ran past the prepaid allowance is owed; a
     * postpaid charge accrues into the month its window starts in.
     */
    @EventHandler
    void on(UsageCharged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BigDecimal change = Posting.customerCreditChange(event.postings());
        boolean applied = apply(event.accountId(), sequence, at, Map.ofEntries(
                plus(ACCOUNT_BALANCE.BALANCE, change),
                plus(ACCOUNT_BALANCE.TOTAL_USED, change.negate()),
                plus(ACCOUNT_BALANCE.UNCOLLECTED, event.uncollected().amount())));
        if (applied && event.accrued().amount().signum() != 0) {
            accrue(event.accountId(), event.from(), event.accrued().amount());
        }
    }

    /** Credits that arrived paid earlier usage's debt: used for usage, and no longer owed. */
    @EventHandler
    void on(DebtSettled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BigDecimal amount = event.amount().amount();
        apply(event.accountId(), sequence, at, Map.ofEntries(
                plus(ACCOUNT_BALANCE.BALANCE, amount.negate()),
                plus(ACCOUNT_BALANCE.TOTAL_USED, amount),
                plus(ACCOUNT_BALANCE.UNCOLLECTED, amount.negate())));
    }

    @EventHandler
    void on(CreditsRefunded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        takeFromBalance(event.accountId(), sequence, at, event.amount().amount(), ACCOUNT_BALANCE.TOTAL_REFUNDED);
    }

    /**
     * A prepaid reversal gives credits back; a postpaid one lowers what is owed, in the month it is made (the
     * period that is still open, even when the charge it corrects was in an earlier one).
     */
    @EventHandler
    void on(ChargeReversed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BigDecimal amount = event.amount().amount();
        boolean applied = apply(event.accountId(), sequence, at, Map.ofEntries(
                plus(ACCOUNT_BALANCE.BALANCE,
                        new Posting(event.debit(), event.credit(), event.amount()).customerCreditChange()),
                plus(ACCOUNT_BALANCE.TOTAL_REVERSED, amount)));
        if (applied && event.credit() == LedgerAccount.RECEIVABLE) {
            accrue(event.accountId(), event.reversedAt(), amount.negate());
        }
    }

    /** Cash received for an invoice: prepaid debt it paid is owed no more. */
    @EventHandler
    void on(InvoicePaymentReceived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, Map.of(ACCOUNT_BALANCE.UNCOLLECTED,
                DSL.greatest(ACCOUNT_BALANCE.UNCOLLECTED.minus(event.amount().amount()), DSL.inline(BigDecimal.ZERO))));
    }

    @EventHandler
    void on(PurchaseReversed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        takeFromBalance(event.accountId(), sequence, at, event.amount().amount(), ACCOUNT_BALANCE.TOTAL_REFUNDED);
    }

    @EventHandler
    void on(CreditsHeld event, @SequenceNumber long sequence, @Timestamp Instant at) {
        takeFromBalance(event.accountId(), sequence, at, event.amount().amount(), ACCOUNT_BALANCE.TOTAL_HELD);
    }

    @EventHandler
    void on(LowBalanceReached event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, Map.of(ACCOUNT_BALANCE.LOW_BALANCE, true));
    }

    @EventHandler
    void on(LowBalanceRecovered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, Map.of(ACCOUNT_BALANCE.LOW_BALANCE, false));
    }

    /**
     * Makes {@code changes} (a value, or an expression over the row's own columns), once: a redelivered event
     * (sequence not newer than the row's) changes nothing. True when the event was applied now.
     */
    private boolean apply(AccountId accountId, long sequence, Instant at, Map<? extends Field<?>, ?> changes) {
        return db.update(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.AS_OF, utc(at))
                .set(ACCOUNT_BALANCE.LAST_SEQUENCE, sequence)
                .set(changes)
                .where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(accountId.value())
                        .and(ACCOUNT_BALANCE.LAST_SEQUENCE.lt(sequence)))
                .execute() == 1;
    }

    /** Credits that left the customer's balance, counted in {@code total} (expired, refunded, held). */
    private void takeFromBalance(AccountId accountId, long sequence, Instant at, BigDecimal amount,
                                 Field<BigDecimal> total) {
        apply(accountId, sequence, at, Map.ofEntries(
                plus(ACCOUNT_BALANCE.BALANCE, amount.negate()),
                plus(total, amount)));
    }

    private static Map.Entry<Field<BigDecimal>, Field<BigDecimal>> plus(Field<BigDecimal> total, BigDecimal amount) {
        return Map.entry(total, total.plus(amount));
    }

    /**
     * Adds to the accrual of the month {@code at} falls in. Called only when the balance row took the event, in the
     * same transaction, so a redelivery does not accrue twice.
     */
    private void accrue(AccountId accountId, Instant at, BigDecimal amount) {
        db.insertInto(ACCOUNT_ACCRUAL)
                .set(ACCOUNT_ACCRUAL.ACCOUNT_ID, accountId.value())
                .set(ACCOUNT_ACCRUAL.PERIOD_START, monthOf(at))
                .set(ACCOUNT_ACCRUAL.ACCRUED, amount)
                .onConflict(ACCOUNT_ACCRUAL.ACCOUNT_ID, ACCOUNT_ACCRUAL.PERIOD_START)
                .doUpdate()
                .set(ACCOUNT_ACCRUAL.ACCRUED, ACCOUNT_ACCRUAL.ACCRUED.plus(amount))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(ACCOUNT_BALANCE).execute();
        db.deleteFrom(ACCOUNT_ACCRUAL).execute();
    }
}
