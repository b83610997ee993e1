package dev.tally.domain.credits;

import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.ChargeReversed;
import dev.tally.api.credits.CreditLedgerClosed;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsDepleted;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.GrantUse;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.LedgerBillingModeChanged;
import dev.tally.api.credits.LedgerPriceBookAssigned;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.LowBalanceThresholdSet;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.credits.UsageLeftUnrated;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tally.api.credits.LedgerAccount.BREAKAGE;
import static dev.tally.api.credits.LedgerAccount.CASH;
import static dev.tally.api.credits.LedgerAccount.CUSTOMER_CREDIT;
import static dev.tally.api.credits.LedgerAccount.RECEIVABLE;
import static dev.tally.api.credits.LedgerAccount.REVENUE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger's books kept from its events alone, checking each event against the rules as it arrives: every posting
 * balances, the customer's credit equals the balance, no grant gives more than it had, debt never goes negative and
 * the overdraft stays within the allowance, charges take grants in order, and notifications follow the balance.
 *
 * <p>Credits arriving repay the overdraft first without a posting of their own, so what is left of a grant is its
 * amount less that repayment and everything its id was used for: charges, expiry, refunds and debt settlements.
 */
final class LedgerBooks {

    private static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final Comparator<Credit> CONSUMPTION_ORDER = Comparator
            .comparing(Credit::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Credit::grantedAt);

    private final BigDecimal allowance;
    private final Map<String, Credit> credits = new LinkedHashMap<>();
    private final Map<LedgerAccount, BigDecimal> postings = new EnumMap<>(LedgerAccount.class);
    private final Map<String, Money> refunds = new HashMap<>();
    private final Map<String, Money> reversals = new HashMap<>();
    private BillingMode billingMode;
    private boolean priced;
    private boolean closed;
    private BigDecimal overdrawn = BigDecimal.ZERO;
    private BigDecimal uncollected = BigDecimal.ZERO;
    private BigDecimal charged = BigDecimal.ZERO;
    private BigDecimal reversed = BigDecimal.ZERO;
    /** The balance as the movements' amounts tell it, without the postings or what is left of each grant. */
    private BigDecimal movedBalance = BigDecimal.ZERO;
    private boolean low;
    private boolean depleted;
    private boolean depletionDue;
    private Money thresholdAmount;
    private BigDecimal thresholdPercent;
    private BigDecimal lastTopUp;
    private Object previous;
    private String context = "";

    LedgerBooks(BigDecimal allowance) {
        this.allowance = allowance;
    }

    /** Takes the events of one step, checking each, then what must hold once the step is done. */
    void record(List<Object> events, Instant now, String context) {
        this.context = context;
        depletionDue = false;
        for (Object event : events) {
            apply(event, now);
            checkInvariants(event);
            previous = event;
        }
        assertThat(depletionDue).as("%s: a charge used up credits and allowance, but no CreditsDepleted followed",
                context).isFalse();
        if (billingMode == BillingMode.PREPAID) {
            assertThat(low).as("%s: low balance state against balance %s and threshold %s", context, balance(),
                    threshold()).isEqualTo(balance().compareTo(threshold()) <= 0);
        }
    }

    /** Once the clock is at {@code now}, every grant that expired by then has nothing left. */
    void checkExpiredBy(Instant now, String context) {
        credits.values().stream().filter(credit -> credit.expiresAt() != null && !credit.expiresAt().isAfter(now))
                .forEach(credit -> assertThat(credit.remaining()).as("%s: %s expired at %s", context, credit.id(),
                        credit.expiresAt()).isZero());
    }

    BillingMode billingMode() {
        return billingMode;
    }

    boolean closed() {
        return closed;
    }

    boolean priced() {
        return priced;
    }

    /** What is left of a grant (or of a prepaid reversal), or null if there is no such credit. */
    BigDecimal remaining(String creditId) {
        Credit credit = credits.get(creditId);
        return credit == null ? null : credit.remaining();
    }

    GrantKind kind(String creditId) {
        Credit credit = credits.get(creditId);
        return credit == null ? null : credit.kind();
    }

    List<String> creditIds() {
        return List.copyOf(credits.keySet());
    }

    BigDecimal reversible() {
        return charged.subtract(reversed);
    }

    Money refunded(String refundId) {
        return refunds.get(refundId);
    }

    Money reversal(String reversalId) {
        return reversals.get(reversalId);
    }

    private void apply(Object event, Instant now) {
        switch (event) {
            case CreditLedgerOpened opened -> {
                billingMode = opened.billingMode();
                low = billingMode == BillingMode.PREPAID;
            }
            case LedgerBillingModeChanged changed -> billingMode = changed.billingMode();
            case LedgerPriceBookAssigned assigned -> priced = true;
            case CreditLedgerClosed closing -> closed = true;
            case LowBalanceThresholdSet set -> {
                thresholdAmount = set.amount();
                thresholdPercent = set.percentOfLastTopUp();
            }
            case CreditsGranted granted -> {
                assertThat(granted.debit()).as("%s: funding of %s", context, granted.grantId())
                        .isEqualTo(LedgerAccount.fundingFor(granted.kind()));
                assertThat(granted.credit()).as(context).isEqualTo(CUSTOMER_CREDIT);
                post(granted.debit(), granted.credit(), granted.amount());
                arrive(new Credit(granted.grantId(), granted.kind(), granted.amount().amount(), granted.grantedAt(),
                        granted.expiresAt()));
                if (granted.kind() == GrantKind.PURCHASE || granted.kind() == GrantKind.ADMIN) {
                    lastTopUp = granted.amount().amount();
                }
            }
            case ChargeReversed reversal -> {
                assertThat(reversal.debit()).as(context).isEqualTo(REVENUE);
                assertThat(reversal.credit()).as("%s: reversal credited in %s", context, billingMode)
                        .isEqualTo(billingMode == BillingMode.POSTPAID ? RECEIVABLE : CUSTOMER_CREDIT);
                post(reversal.debit(), reversal.credit(), reversal.amount());
                reversed = reversed.add(reversal.amount().amount());
                assertThat(reversed).as("%s: reversed beyond what was charged (%s)", context, charged)
                        .isLessThanOrEqualTo(charged);
                reversals.put(reversal.reversalId(), reversal.amount());
                if (reversal.credit() == CUSTOMER_CREDIT) {
                    arrive(new Credit(reversal.reversalId(), null, reversal.amount().amount(), reversal.reversedAt(),
                            null));
                }
            }
            case UsageCharged charge -> charge(charge);
            case UsageLeftUnrated unrated -> assertThat(!priced || unrated.from().isBefore(Ledgers.PRICES_FROM))
                    .as("%s: usage left unrated though priced from %s", context, Ledgers.PRICES_FROM).isTrue();
            case CreditsExpired expired -> {
                Credit credit = credits.get(expired.grantId());
                assertThat(credit).as("%s: expiry of an unknown grant", context).isNotNull();
                assertThat(expired.expiredAt()).as("%s: expiry of %s", context, expired.grantId())
                        .isEqualTo(credit.expiresAt()).isBeforeOrEqualTo(now);
                assertThat(expired.amount().amount()).as("%s: expired amount of %s", context, expired.grantId())
                        .isEqualByComparingTo(credit.remaining());
                assertThat(List.of(expired.debit(), expired.credit())).as(context)
                        .containsExactly(CUSTOMER_CREDIT, BREAKAGE);
                post(expired.debit(), expired.credit(), expired.amount());
                take(expired.grantId(), expired.amount(), "expiry");
            }
            case CreditsRefunded refund -> {
                assertThat(kind(refund.grantId())).as("%s: refund of %s", context, refund.grantId())
                        .isEqualTo(GrantKind.PURCHASE);
                assertThat(List.of(refund.debit(), refund.credit())).as(context)
                        .containsExactly(CUSTOMER_CREDIT, CASH);
                post(refund.debit(), refund.credit(), refund.amount());
                take(refund.grantId(), refund.amount(), "refund " + refund.refundId());
                refunds.put(refund.refundId(), refund.amount());
            }
            case DebtSettled settled -> {
                assertThat(previous).as("%s: debt is settled by credits that just arrived", context)
                        .isInstanceOfAny(CreditsGranted.class, ChargeReversed.class);
                assertThat(List.of(settled.debit(), settled.credit())).as(context)
                        .containsExactly(CUSTOMER_CREDIT, RECEIVABLE);
                assertThat(settled.amount().amount()).as("%s: settled more than the debt %s", context, uncollected)
                        .isLessThanOrEqualTo(uncollected);
                post(settled.debit(), settled.credit(), settled.amount());
                take(settled.grantId(), settled.amount(), "debt settlement");
                uncollected = uncollected.subtract(settled.amount().amount());
            }
            case CreditsDepleted depletion -> {
                assertThat(billingMode).as(context).isEqualTo(BillingMode.PREPAID);
                assertThat(previous).as("%s: depletion follows the charge that caused it", context)
                        .isInstanceOfSatisfying(UsageCharged.class,
                                charge -> assertThat(charge.amount().isPositive()).isTrue());
                assertThat(depleted).as("%s: depleted twice without credits arriving in between", context).isFalse();
                assertThat(balance().amount().add(allowance).signum())
                        .as("%s: depleted with balance %s and allowance %s", context, balance(), allowance)
                        .isLessThanOrEqualTo(0);
                assertThat(depletion.balance()).as(context).isEqualTo(balance());
                assertThat(depletion.allowance().amount()).as(context).isEqualByComparingTo(allowance);
                depleted = true;
                depletionDue = false;
            }
            case LowBalanceReached reached -> {
                assertThat(billingMode).as(context).isEqualTo(BillingMode.PREPAID);
                assertThat(low).as("%s: low balance reached twice without recovering", context).isFalse();
                assertThat(reached.balance()).as(context).isEqualTo(balance());
                assertThat(reached.threshold()).as(context).isEqualTo(threshold());
                low = true;
            }
            case LowBalanceRecovered recovered -> {
                assertThat(billingMode).as(context).isEqualTo(BillingMode.PREPAID);
                assertThat(low).as("%s: recovered without having run low", context).isTrue();
                assertThat(recovered.balance()).as(context).isEqualTo(balance());
                assertThat(recovered.threshold()).as(context).isEqualTo(threshold());
                low = false;
            }
            default -> throw new AssertionError(context + ": unexpected event " + event);
        }
    }

    private void charge(UsageCharged charge) {
        assertThat(priced).as(context).isTrue();
        BigDecimal lines = charge.lines().stream().map(ChargeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(charge.amount().amount()).as("%s: charge is the sum of its lines", context)
                .isEqualByComparingTo(lines);
        BigDecimal fromGrants = charge.consumed().stream().map(use -> use.amount().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal overdraft = charge.overdrawn().amount();
        BigDecimal debt = charge.uncollected().amount();
        BigDecimal accrued = charge.accrued().amount();
        assertThat(fromGrants.add(overdraft).add(debt).add(accrued)).as("%s: how %s was paid", context, charge)
                .isEqualByComparingTo(charge.amount().amount());
        assertThat(List.of(overdraft, debt, accrued)).as(context).allSatisfy(part -> assertThat(part).isNotNegative());
        assertThat(postingsFrom(charge, CUSTOMER_CREDIT)).as("%s: customer credit posted", context)
                .isEqualByComparingTo(fromGrants.add(overdraft));
        assertThat(postingsFrom(charge, RECEIVABLE)).as("%s: receivable posted", context)
                .isEqualByComparingTo(debt.add(accrued));
        charge.postings().forEach(posting -> {
            assertThat(posting.credit()).as(context).isEqualTo(REVENUE);
            post(posting.debit(), posting.credit(), posting.amount());
        });
        if (billingMode == BillingMode.POSTPAID) {
            assertThat(charge.consumed()).as("%s: postpaid charges take no grants", context).isEmpty();
            assertThat(accrued).as(context).isEqualByComparingTo(charge.amount().amount());
        } else {
            assertThat(accrued).as("%s: prepaid charges accrue nothing", context).isZero();
            takeInOrder(charge);
            assertThat(overdraft).as("%s: overdrawn past the allowance %s (already %s)", context, allowance,
                    overdrawn).isLessThanOrEqualTo(allowance.subtract(overdrawn).max(BigDecimal.ZERO));
            if (overdraft.signum() > 0 || debt.signum() > 0) {
                assertThat(usableAt(charge.from())).as("%s: went below zero with grants left to use", context)
                        .isEmpty();
            }
            overdrawn = overdrawn.add(overdraft);
            movedBalance = movedBalance.subtract(overdraft);
            if (debt.signum() > 0) {
                assertThat(overdrawn).as("%s: debt before the allowance %s was used", context, allowance)
                        .isGreaterThanOrEqualTo(allowance);
            }
            depletionDue = !depleted && charge.amount().isPositive()
                    && balance().amount().add(allowance).signum() <= 0;
        }
        uncollected = uncollected.add(debt);
        charged = charged.add(charge.amount().amount());
    }

    /** The charge takes only grants usable at its start, earliest expiry first, then oldest, each before the next. */
    private void takeInOrder(UsageCharged charge) {
        List<GrantUse> uses = charge.consumed();
        for (int i = 0; i < uses.size(); i++) {
            GrantUse use = uses.get(i);
            Credit credit = credits.get(use.grantId());
            assertThat(credit).as("%s: charge took unknown %s", context, use.grantId()).isNotNull();
            assertThat(use.amount().isPositive()).as("%s: took nothing from %s", context, use.grantId()).isTrue();
            assertThat(credit.expiresAt() == null || credit.expiresAt().isAfter(charge.from()))
                    .as("%s: took %s, which expires at %s, for a window from %s", context, use.grantId(),
                            credit.expiresAt(), charge.from()).isTrue();
            if (i > 0) {
                assertThat(CONSUMPTION_ORDER.compare(credits.get(uses.get(i - 1).grantId()), credit))
                        .as("%s: took %s out of order", context, uses).isLessThanOrEqualTo(0);
            }
            take(use.grantId(), use.amount(), "charge " + charge.usageId());
            if (i < uses.size() - 1) {
                assertThat(credits.get(use.grantId()).remaining()).as("%s: took the next grant before using up %s",
                        context, use.grantId()).isZero();
            }
        }
        if (!uses.isEmpty()) {
            Credit last = credits.get(uses.getLast().grantId());
            assertThat(usableAt(charge.from())).as("%s: a grant that comes before %s was left", context, last.id())
                    .noneMatch(credit -> CONSUMPTION_ORDER.compare(credit, last) < 0);
        }
    }

    private void checkInvariants(Object event) {
        String after = context + ", after " + event.getClass().getSimpleName();
        credits.values().forEach(credit -> assertThat(credit.remaining())
                .as("%s: %s gave more than its %s", after, credit.id(), credit.amount()).isNotNegative());
        assertThat(uncollected).as("%s: uncollected", after).isNotNegative();
        assertThat(overdrawn).as("%s: overdrawn", after).isNotNegative();
        assertThat(overdrawn).as("%s: overdrawn beyond the allowance", after).isLessThanOrEqualTo(allowance);
        assertThat(postings.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("%s: trial balance %s", after, postings).isZero();
        BigDecimal customerCredit = postings.getOrDefault(CUSTOMER_CREDIT, BigDecimal.ZERO);
        assertThat(customerCredit).as("%s: customer credit against the balance", after)
                .isEqualByComparingTo(balance().amount());
        assertThat(movedBalance).as("%s: granted - used - expired - refunded - settled + reversed", after)
                .isEqualByComparingTo(balance().amount());
    }

    /** Credits arriving repay the overdraft first; the rest is left to use. */
    private void arrive(Credit credit) {
        assertThat(credits).as("%s: credit id %s used twice", context, credit.id()).doesNotContainKey(credit.id());
        BigDecimal repaid = overdrawn.min(credit.amount());
        overdrawn = overdrawn.subtract(repaid);
        credits.put(credit.id(), credit.withUsed(repaid));
        movedBalance = movedBalance.add(credit.amount());
        depleted = false;
    }

    private void take(String creditId, Money amount, String what) {
        Credit credit = credits.get(creditId);
        assertThat(credit).as("%s: %s took from unknown %s", context, what, creditId).isNotNull();
        credits.put(creditId, credit.withUsed(amount.amount()));
        movedBalance = movedBalance.subtract(amount.amount());
    }

    /** Postings credit the second account and debit the first: an account's sum is what it was credited. */
    private void post(LedgerAccount debit, LedgerAccount credit, Money amount) {
        assertThat(amount.isPositive()).as("%s: posting of %s", context, amount).isTrue();
        postings.merge(debit, amount.amount().negate(), BigDecimal::add);
        postings.merge(credit, amount.amount(), BigDecimal::add);
    }

    private static BigDecimal postingsFrom(UsageCharged charge, LedgerAccount debit) {
        return charge.postings().stream().filter(posting -> posting.debit() == debit).map(Posting::amount)
                .map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<Credit> usableAt(Instant at) {
        return credits.values().stream().filter(credit -> credit.remaining().signum() > 0
                && (credit.expiresAt() == null || credit.expiresAt().isAfter(at))).toList();
    }

    private Money balance() {
        BigDecimal left = credits.values().stream().map(Credit::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Ledgers.eur(left.subtract(overdrawn).toPlainString());
    }

    private Money threshold() {
        if (thresholdAmount != null) {
            return thresholdAmount;
        }
        if (thresholdPercent != null && lastTopUp != null) {
            return Ledgers.eur(lastTopUp.multiply(thresholdPercent).divide(HUNDRED, MathContext.DECIMAL128)
                    .toPlainString());
        }
        return Ledgers.eur("0");
    }

    /** A grant, or credits given back by a prepaid reversal (no kind, no expiry), and how much of it was used. */
    private record Credit(String id, GrantKind kind, BigDecimal amount, Instant grantedAt, Instant expiresAt,
                          BigDecimal used) {

        Credit(String id, GrantKind kind, BigDecimal amount, Instant grantedAt, Instant expiresAt) {
            this(id, kind, amount, grantedAt, expiresAt, BigDecimal.ZERO);
        }

        Credit withUsed(BigDecimal more) {
            return new Credit(id, kind, amount, grantedAt, expiresAt, used.add(more));
        }

        BigDecimal remaining() {
            return amount.subtract(used);
        }
    }
}
