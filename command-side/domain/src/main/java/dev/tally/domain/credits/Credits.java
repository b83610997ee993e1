package dev.tally.domain.credits;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.BillingAnchorSet;
import dev.tally.api.billing.CloseEndedPeriods;
import dev.tally.api.billing.ClosePeriod;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.billing.SetBillingAnchor;
import dev.tally.api.credits.AssignLedgerPriceBook;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.ChargeReversed;
import dev.tally.api.credits.ChargeUsage;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.CreditLedgerClosed;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditPolicy;
import dev.tally.api.credits.CreditsDepleted;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsHeld;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantExpiryDue;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.GrantUse;
import dev.tally.api.credits.HoldCredits;
import dev.tally.api.credits.InvoicePaymentReceived;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.LedgerBillingModeChanged;
import dev.tally.api.credits.LedgerPriceBookAssigned;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.LowBalanceThresholdSet;
import dev.tally.api.credits.OpenCreditLedger;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.PurchaseReversed;
import dev.tally.api.credits.RecordInvoicePayment;
import dev.tally.api.credits.RefundCredits;
import dev.tally.api.credits.ReverseCharge;
import dev.tally.api.credits.ReversePurchase;
import dev.tally.api.credits.SetLowBalanceThreshold;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.credits.UsageLeftUnrated;
import dev.tally.domain.billing.BillingPeriods;
import dev.tally.domain.pricing.PriceRating;
import dev.tally.domain.pricing.RatedUsage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account's money ledger: grants with their remainders, usage charges, refunds and reversals. Every movement is
 * an event that names the ledger accounts it moves money between, so the trial balance is zero after each.
 *
 * <p>The balance is what is left of the grants less what was overdrawn. Charges take grants earliest expiry first,
 * then oldest; a prepaid balance may go below zero down to the configured allowance, and usage past that is
 * uncollected debt, which credits arriving later pay first. Postpaid charges accrue as receivable.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Credits {

    private static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final Comparator<Grant> CONSUMPTION_ORDER = Comparator
            .comparing(Grant::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Grant::grantedAt);

    @AggregateIdentifier
    private String ledgerId;
    private AccountId accountId;
    private Currency currency;
    private BillingMode billingMode;
    private boolean closed;
    private PriceBookId priceBookId;
    private Map<String, Grant> grants = new LinkedHashMap<>();
    private BigDecimal overdrawn = BigDecimal.ZERO;
    private BigDecimal uncollected = BigDecimal.ZERO;
    private BigDecimal charged = BigDecimal.ZERO;
    private BigDecimal reversed = BigDecimal.ZERO;
    /** Per environment, the start of the last window charged: windows arrive in order, so this spots a repeat. */
    private Map<String, Instant> chargedThrough = new HashMap<>();
    private OpenPeriods periods = new OpenPeriods();
    private Map<String, Money> refunds = new HashMap<>();
    private Map<String, Money> reversals = new HashMap<>();
    private Map<String, Money> holds = new HashMap<>();
    /** Per purchase grant, what its payment provider has refunded of it. */
    private Map<String, Money> purchasesReversed = new HashMap<>();
    private Set<String> paidInvoices = new HashSet<>();
    private boolean depleted;
    private boolean lowBalance;
    private Money thresholdAmount;
    private BigDecimal thresholdPercent;
    private Money lastTopUp;

    Credits() {
    }

    @CommandHandler
    Credits(OpenCreditLedger command) {
        apply(new CreditLedgerOpened(command.accountId(), command.currency(), command.billingMode()));
    }

    @CommandHandler
    void handle(ChangeLedgerBillingMode command) {
        if (command.billingMode() != billingMode) {
            apply(new LedgerBillingModeChanged(accountId, command.billingMode()));
            checkLowBalance();
        }
    }

    @CommandHandler
    void handle(AssignLedgerPriceBook command) {
        if (!command.priceBookId().equals(priceBookId)) {
            apply(new LedgerPriceBookAssigned(accountId, command.priceBookId()));
        }
    }

    @CommandHandler
    void handle(CloseCreditLedger command) {
        if (!closed) {
            apply(new CreditLedgerClosed(accountId, command.closedAt()));
        }
    }

    @CommandHandler
    void handle(GrantCredits command, DeadlineManager deadlineManager) {
        Grant existing = grants.get(command.grantId());
        if (existing != null) {
            if (existing.isSameGrantAs(command)) {
                return;
            }
            throw DomainException.conflict("grant " + command.grantId() + " already exists with other terms");
        }
        if (closed) {
            throw DomainException.conflict("account " + accountId + " is closed and takes no grants");
        }
        requirePositiveInCurrency(command.amount());
        if (command.expiresAt() != null && !command.expiresAt().isAfter(command.grantedAt())) {
            throw DomainException.validation("expiresAt must be after the grant is made");
        }
        apply(new CreditsGranted(accountId, command.grantId(), command.kind(), command.amount(),
                command.grantedAt(), command.expiresAt(), command.note(),
                LedgerAccount.fundingFor(command.kind()), LedgerAccount.CUSTOMER_CREDIT));
        settleDebtFrom(command.grantId());
        checkLowBalance();
        if (command.expiresAt() != null) {
            deadlineManager.schedule(command.expiresAt(), GrantExpiryDue.DEADLINE_NAME,
                    new GrantExpiryDue(command.grantId()));
        }
    }

    /**
     * Rates a window of usage with the account's price book and charges it. Usage that cannot be rated is recorded
     * as such; usage is never refused, whatever the balance or the account's state, because it has happened. A
     * window of an environment that is not after the last one charged is a repeat and changes nothing.
     */
    @CommandHandler
    void handle(ChargeUsage command, PriceRating rating, CreditPolicy policy) {
        Instant last = chargedThrough.get(command.environmentId().value());
        if (last != null && !command.from().isAfter(last)) {
            return;
        }
        Optional<RatedUsage> rated = priceBookId == null ? Optional.empty()
                : rating.rate(priceBookId, command.from(), command.quantities());
        if (rated.isEmpty()) {
            apply(new UsageLeftUnrated(accountId, command.usageId(), command.environmentId(), command.from(),
                    command.to(), priceBookId == null ? "the account has no price book"
                    : "price book " + priceBookId + " has no version in force at " + command.from()));
            return;
        }
        RatedUsage usage = rated.get();
        Money amount = money(usage.amount());
        if (billingMode == BillingMode.POSTPAID) {
            apply(charged(command, usage, List.of(), zero(), zero(), amount,
                    postings(LedgerAccount.RECEIVABLE, amount)));
            return;
        }
        List<GrantUse> consumed = consume(usage.amount(), command.from());
        BigDecimal fromGrants = consumed.stream().map(use -> use.amount().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rest = usage.amount().subtract(fromGrants);
        Money allowance = policy.prepaidAllowance(currency);
        BigDecimal room = allowance.amount().subtract(overdrawn).max(BigDecimal.ZERO);
        Money overdraft = money(rest.min(room));
        Money debt = money(rest.subtract(overdraft.amount()));
        List<Posting> postings = new ArrayList<>(postings(LedgerAccount.CUSTOMER_CREDIT,
                money(fromGrants.add(overdraft.amount()))));
        postings.addAll(postings(LedgerAccount.RECEIVABLE, debt));
        apply(charged(command, usage, consumed, overdraft, debt, zero(), List.copyOf(postings)));
        if (!depleted && amount.isPositive() && !usableAt(command.from()).plus(allowance).isPositive()) {
            apply(new CreditsDepleted(accountId, balance(), allowance));
        }
        checkLowBalance();
    }

    @CommandHandler
    void handle(RefundCredits command) {
        if (isRepeat(refunds, command.refundId(), command.amount())) {
            return;
        }
        requireUnused(command.refundId(), reversals.keySet());
        requirePositiveInCurrency(command.amount());
        Grant grant = grants.get(command.grantId());
        if (grant == null || grant.kind() != GrantKind.PURCHASE) {
            throw DomainException.conflict("only purchased credits can be refunded, and " + command.grantId()
                    + " is not a purchase of account " + accountId);
        }
        if (command.amount().compareTo(grant.remaining()) > 0) {
            throw DomainException.conflict("grant " + command.grantId() + " has " + grant.remaining().display()
                    + " left, less than the refund of " + command.amount().display());
        }
        apply(new CreditsRefunded(accountId, command.refundId(), command.grantId(), command.amount(),
                command.reason(), command.refundedAt(), LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.CASH));
        checkLowBalance();
    }

    @CommandHandler
    void handle(ReverseCharge command) {
        if (isRepeat(reversals, command.reversalId(), command.amount())) {
            return;
        }
        requireUnused(command.reversalId(), grants.keySet());
        requireUnused(command.reversalId(), refunds.keySet());
        requirePositiveInCurrency(command.amount());
        BigDecimal reversible = charged.subtract(reversed);
        if (command.amount().amount().compareTo(reversible) > 0) {
            throw DomainException.conflict("account " + accountId + " has been charged " + money(reversible)
                    .display() + " that is not reversed yet, less than " + command.amount().display());
        }
        LedgerAccount credit = billingMode == BillingMode.POSTPAID ? LedgerAccount.RECEIVABLE
                : LedgerAccount.CUSTOMER_CREDIT;
        apply(new ChargeReversed(accountId, command.reversalId(), command.chargeId(), command.amount(),
                command.reason(), command.reversedAt(), LedgerAccount.REVENUE, credit));
        settleDebtFrom(command.reversalId());
        checkLowBalance();
    }

    /** An invoice paid: what was owed is received. Prepaid debt it pays is no longer uncollected. */
    @CommandHandler
    void handle(RecordInvoicePayment command) {
        if (paidInvoices.contains(command.invoiceId().value())) {
            return;
        }
        requirePositiveInCurrency(command.amount());
        apply(new InvoicePaymentReceived(accountId, command.invoiceId(), command.amount(), command.paidAt(),
                LedgerAccount.CASH, LedgerAccount.RECEIVABLE));
    }

    /**
     * A purchase's payment was refunded (or its credits are held for a dispute) outside Tally: the ledger records it
     * whatever is left of the grant, taking what is left and overdrawing the balance by the rest.
     */
    @CommandHandler
    void handle(ReversePurchase command) {
        requirePositiveInCurrency(command.refundedInTotal());
        Money earlier = purchasesReversed.getOrDefault(command.grantId(), zero());
        if (command.refundedInTotal().compareTo(earlier) <= 0) {
            return;
        }
        Money amount = command.refundedInTotal().minus(earlier);
        Money fromGrant = takeFromPurchase(command.grantId(), amount);
        apply(new PurchaseReversed(accountId, command.grantId(), amount, command.refundedInTotal(), fromGrant,
                command.reason(), command.reversedAt(), LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.CASH));
        checkLowBalance();
    }

    @CommandHandler
    void handle(HoldCredits command) {
        if (isRepeat(holds, command.holdId(), command.amount())) {
            return;
        }
        Money fromGrant = takeFromPurchase(command.grantId(), command.amount());
        apply(new CreditsHeld(accountId, command.holdId(), command.grantId(), command.amount(), fromGrant,
                command.reason(), command.heldAt(), LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.DISPUTED));
        checkLowBalance();
    }

    /** What is left of a purchase grant, up to {@code amount}. */
    private Money takeFromPurchase(String grantId, Money amount) {
        requirePositiveInCurrency(amount);
        Grant grant = grants.get(grantId);
        if (grant == null || grant.kind() != GrantKind.PURCHASE) {
            throw DomainException.notFound("no purchase " + grantId + " on account " + accountId);
        }
        return grant.remaining().compareTo(amount) < 0 ? grant.remaining() : amount;
    }

    /**
     * Closes the billing periods that end by {@code periodEnd} (a boundary of the account's periods) into one
     * invoice: a line per meter, environment and price, rounded once with the price book's rounding mode, and late
     * usage of periods closed before as labelled adjustment lines. Returns the closing, or null when usage up to
     * {@code periodEnd} is invoiced already.
     */
    @CommandHandler
    PeriodClosed handle(ClosePeriod command) {
        BillingPeriods.requireClosable(command.periodEnd(), command.closedAt(), periods.anchorDay());
        return close(command.periodEnd(), command.invoiceId(), command.closedAt());
    }

    /** Closes whatever periods have ended by {@code upTo}, on the account's own anchor day. */
    @CommandHandler
    PeriodClosed handle(CloseEndedPeriods command) {
        return close(BillingPeriods.startOf(command.upTo(), periods.anchorDay()), command.invoiceId(),
                command.closedAt());
    }

    /** From the next period on, periods start on {@code day}: the open one ends at the first such day. */
    @CommandHandler
    void handle(SetBillingAnchor command) {
        new FieldErrors().check(command.day() != null && command.day() >= 1
                        && command.day() <= BillingPeriods.LAST_ANCHOR_DAY, "day",
                "must be a day of the month from 1 to " + BillingPeriods.LAST_ANCHOR_DAY)
                .throwIfAny();
        if (command.day() != periods.anchorDay()) {
            apply(new BillingAnchorSet(accountId, command.day()));
        }
    }

    private PeriodClosed close(Instant periodEnd, InvoiceId invoiceId, Instant closedAt) {
        if (!periodEnd.isAfter(periods.invoicedThrough())) {
            return null;
        }
        OpenPeriods.Closing closing = periods.closing(periodEnd, currency);
        Money subtotal = closing.subtotal();
        Money total = billingMode == BillingMode.POSTPAID ? subtotal
                : money(closing.uncollected().setScale(subtotal.minorUnitDigits(), RoundingMode.HALF_EVEN)
                .min(subtotal.amount()));
        PeriodClosed closed = new PeriodClosed(accountId, invoiceId, periods.invoicedThrough(), periodEnd,
                billingMode, closing.lines(), subtotal, subtotal.minus(total), total, closedAt);
        apply(closed);
        return closed;
    }

    @CommandHandler
    void handle(SetLowBalanceThreshold command) {
        Money amount = command.amount();
        BigDecimal percent = command.percentOfLastTopUp();
        new FieldErrors()
                .check(amount == null || percent == null, "amount", "give an amount or a percentOfLastTopUp, not both")
                .check(amount == null || (amount.currency().equals(currency) && amount.amount().signum() >= 0),
                        "amount", "must be 0 or more, in the account's currency " + currency)
                .check(percent == null || (percent.signum() >= 0 && percent.compareTo(HUNDRED) <= 0),
                        "percentOfLastTopUp", "must be between 0 and 100")
                .throwIfAny();
        apply(new LowBalanceThresholdSet(accountId, amount, percent));
        checkLowBalance();
    }

    /** Runs once the grant's expiry is due; a repeat, or a grant already used up, changes nothing. */
    @DeadlineHandler(deadlineName = GrantExpiryDue.DEADLINE_NAME)
    void on(GrantExpiryDue due) {
        Grant grant = grants.get(due.grantId());
        if (grant != null && grant.remaining().isPositive()) {
            apply(new CreditsExpired(accountId, due.grantId(), grant.remaining(), grant.expiresAt(),
                    LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.BREAKAGE));
            checkLowBalance();
        }
    }

    /** Takes {@code amount} from the grants usable at {@code at}: earliest expiry first, then oldest. */
    private List<GrantUse> consume(BigDecimal amount, Instant at) {
        List<GrantUse> uses = new ArrayList<>();
        BigDecimal left = amount;
        List<Grant> usable = usableGrants(at).sorted(CONSUMPTION_ORDER).toList();
        for (Grant grant : usable) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = left.min(grant.remaining().amount());
            uses.add(new GrantUse(grant.id(), money(take)));
            left = left.subtract(take);
        }
        return List.copyOf(uses);
    }

    private Stream<Grant> usableGrants(Instant at) {
        return grants.values().stream().filter(grant -> grant.remaining().isPositive()
                && (grant.expiresAt() == null || grant.expiresAt().isAfter(at)));
    }

    /** What usage at {@code at} could still take: the usable grants less what is overdrawn. */
    private Money usableAt(Instant at) {
        return money(usableGrants(at).map(grant -> grant.remaining().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add).subtract(overdrawn));
    }

    /** Credits that just arrived as {@code grantId} pay uncollected debt first. */
    private void settleDebtFrom(String grantId) {
        Grant grant = grants.get(grantId);
        if (uncollected.signum() > 0 && grant != null && grant.remaining().isPositive()) {
            apply(new DebtSettled(accountId, grantId, money(uncollected.min(grant.remaining().amount())),
                    LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.RECEIVABLE));
        }
    }

    /** Emits a crossing of the low-balance threshold, either way, once. Only prepaid balances run low. */
    private void checkLowBalance() {
        if (billingMode != BillingMode.PREPAID) {
            return;
        }
        Money threshold = threshold();
        Money balance = balance();
        boolean low = balance.compareTo(threshold) <= 0;
        if (low && !lowBalance) {
            apply(new LowBalanceReached(accountId, balance, threshold));
        } else if (!low && lowBalance) {
            apply(new LowBalanceRecovered(accountId, balance, threshold));
        }
    }

    /** A fixed amount, a percentage of the last top-up (purchase or admin grant), or zero. */
    private Money threshold() {
        if (thresholdAmount != null) {
            return thresholdAmount;
        }
        if (thresholdPercent != null && lastTopUp != null) {
            return money(lastTopUp.amount().multiply(thresholdPercent).divide(HUNDRED, MathContext.DECIMAL128));
        }
        return zero();
    }

    private static boolean isRepeat(Map<String, Money> done, String id, Money amount) {
        Money earlier = done.get(id);
        if (earlier == null) {
            return false;
        }
        if (earlier.equals(amount)) {
            return true;
        }
        throw DomainException.conflict(id + " was already used for " + earlier.display());
    }

    /** A refund, a reversal and a grant never share an id: each id names one movement of the ledger. */
    private void requireUnused(String id, Set<String> taken) {
        if (taken.contains(id)) {
            throw DomainException.conflict("the id " + id + " is taken by another movement of account " + accountId);
        }
    }

    private void requirePositiveInCurrency(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw DomainException.validation("amount must be in the account's currency " + currency);
        }
        if (!amount.isPositive()) {
            throw DomainException.validation("amount must be positive");
        }
    }

    private UsageCharged charged(ChargeUsage command, RatedUsage usage, List<GrantUse> consumed, Money overdraft,
                                 Money debt, Money accrued, List<Posting> postings) {
        return new UsageCharged(accountId, command.usageId(), command.environmentId(), command.from(), command.to(),
                usage.priceBookId(), usage.version(), usage.rounding(), usage.lines(), money(usage.amount()), consumed,
                overdraft, debt, accrued, postings);
    }

    /** A posting of {@code amount} from {@code debit} to revenue, or none for nothing. */
    private static List<Posting> postings(LedgerAccount debit, Money amount) {
        return amount.isPositive() ? List.of(new Posting(debit, LedgerAccount.REVENUE, amount)) : List.of();
    }

    private Money balance() {
        BigDecimal left = grants.values().stream().map(grant -> grant.remaining().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return money(left.subtract(overdrawn));
    }

    private Money money(BigDecimal amount) {
        return new Money(amount, currency);
    }

    private Money zero() {
        return Money.zero(currency);
    }

    @EventSourcingHandler
    void on(CreditLedgerOpened event, @Timestamp Instant openedAt) {
        periods.opened(openedAt);
        ledgerId = event.accountId().ledgerId();
        accountId = event.accountId();
        currency = event.currency();
        billingMode = event.billingMode();
        lowBalance = billingMode == BillingMode.PREPAID;
    }

    @EventSourcingHandler
    void on(LedgerBillingModeChanged event) {
        billingMode = event.billingMode();
    }

    @EventSourcingHandler
    void on(LedgerPriceBookAssigned event) {
        priceBookId = event.priceBookId();
    }

    @EventSourcingHandler
    void on(CreditLedgerClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(CreditsGranted event) {
        fund(new Grant(event.grantId(), event.kind(), event.amount(), event.amount(), event.grantedAt(),
                event.expiresAt(), event.note()));
        if (event.kind() == GrantKind.PURCHASE || event.kind() == GrantKind.ADMIN) {
            lastTopUp = event.amount();
        }
    }

    @EventSourcingHandler
    void on(CreditsExpired event) {
        use(event.grantId(), event.amount());
    }

    @EventSourcingHandler
    void on(UsageLeftUnrated event) {
        chargedThrough.put(event.environmentId().value(), event.from());
    }

    @EventSourcingHandler
    void on(UsageCharged event) {
        chargedThrough.put(event.environmentId().value(), event.from());
        periods.record(event);
        event.consumed().forEach(use -> use(use.grantId(), use.amount()));
        overdrawn = overdrawn.add(event.overdrawn().amount());
        uncollected = uncollected.add(event.uncollected().amount());
        charged = charged.add(event.amount().amount());
    }

    @EventSourcingHandler
    void on(BillingAnchorSet event) {
        periods.anchorOn(event.day());
    }

    @EventSourcingHandler
    void on(PeriodClosed event) {
        periods.closed(event.periodEnd());
    }

    @EventSourcingHandler
    void on(CreditsDepleted event) {
        depleted = true;
    }

    @EventSourcingHandler
    void on(DebtSettled event) {
        use(event.grantId(), event.amount());
        uncollected = uncollected.subtract(event.amount().amount());
    }

    @EventSourcingHandler
    void on(CreditsRefunded event) {
        use(event.grantId(), event.amount());
        refunds.put(event.refundId(), event.amount());
    }

    @EventSourcingHandler
    void on(ChargeReversed event) {
        reversed = reversed.add(event.amount().amount());
        reversals.put(event.reversalId(), event.amount());
        if (event.credit() == LedgerAccount.CUSTOMER_CREDIT) {
            fund(new Grant(event.reversalId(), null, event.amount(), event.amount(), event.reversedAt(), null,
                    event.reason()));
        }
    }

    @EventSourcingHandler
    void on(InvoicePaymentReceived event) {
        paidInvoices.add(event.invoiceId().value());
        uncollected = uncollected.subtract(uncollected.min(event.amount().amount()));
    }

    @EventSourcingHandler
    void on(PurchaseReversed event) {
        purchasesReversed.put(event.grantId(), event.refundedInTotal());
        takeFrom(event.grantId(), event.fromGrant(), event.amount());
    }

    @EventSourcingHandler
    void on(CreditsHeld event) {
        holds.put(event.holdId(), event.amount());
        takeFrom(event.grantId(), event.fromGrant(), event.amount());
    }

    /** Takes {@code fromGrant} of a grant; what {@code amount} has beyond it overdraws the balance. */
    private void takeFrom(String grantId, Money fromGrant, Money amount) {
        use(grantId, fromGrant);
        overdrawn = overdrawn.add(amount.amount().subtract(fromGrant.amount()));
    }

    @EventSourcingHandler
    void on(LowBalanceThresholdSet event) {
        thresholdAmount = event.amount();
        thresholdPercent = event.percentOfLastTopUp();
    }

    @EventSourcingHandler
    void on(LowBalanceReached event) {
        lowBalance = true;
    }

    @EventSourcingHandler
    void on(LowBalanceRecovered event) {
        lowBalance = false;
    }

    /** Credits arriving repay what was overdrawn first, and end a depletion; what is left of them can be used. */
    private void fund(Grant grant) {
        BigDecimal repaid = overdrawn.min(grant.amount().amount());
        overdrawn = overdrawn.subtract(repaid);
        grants.put(grant.id(), grant.reducedBy(money(repaid)));
        depleted = false;
    }

    private void use(String grantId, Money amount) {
        grants.computeIfPresent(grantId, (id, grant) -> grant.reducedBy(amount));
    }

    /** Credits granted (or given back by a reversal, without a kind) and what is left of them. */
    record Grant(String id,
                 GrantKind kind,
                 Money amount,
                 Money remaining,
                 Instant grantedAt,
                 Instant expiresAt,
                 String note) {

        Grant reducedBy(Money used) {
            return new Grant(id, kind, amount, remaining.minus(used), grantedAt, expiresAt, note);
        }

        boolean isSameGrantAs(GrantCredits command) {
            return kind == command.kind() && amount.equals(command.amount())
                    && Objects.equals(expiresAt, command.expiresAt()) && Objects.equals(note, command.note());
        }
    }
}
