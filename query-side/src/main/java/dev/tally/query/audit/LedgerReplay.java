package dev.tally.query.audit;

import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.ChargeLine;
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
import dev.tally.api.credits.LedgerMovement;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.PurchaseReversed;
import dev.tally.api.credits.UsageCharged;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's ledger replayed in memory from its stored events, by the rules the read models promise (see the
 * balance and ledger projections): the balance and the totals behind it, the postpaid accrual per month, each
 * posting with the balance after it, and each charged meter's cost. Written apart from the projections on purpose:
 * the audit re-derives the figures instead of re-running the code it checks. For each figure it remembers the last
 * events that moved it, so a mismatch can name the evidence.
 */
final class LedgerReplay {

    /** The balance read model's figures. */
    enum Figure { BALANCE, TOTAL_GRANTED, TOTAL_USED, TOTAL_EXPIRED, TOTAL_REFUNDED, TOTAL_REVERSED, UNCOLLECTED,
        TOTAL_HELD }

    /** One posting as the ledger read model should hold it. */
    record PostingLine(String eventId, int posting, long sequence, Instant at, LedgerMovement movement,
                       Posting entry, BigDecimal balanceAfter) {
    }

    /** What one meter of a charged window cost. */
    record Cost(String chargeEventId, BigDecimal quantity, BigDecimal amount) {
    }

    /** How many events naming a figure a mismatch lists: the latest ones. */
    private static final int EVIDENCE = 20;

    private Currency currency;
    private BillingMode billingMode;
    private boolean lowBalance;
    private long events;
    private String lastEventId;
    private Instant lastRecordedAt;
    private final Map<Figure, BigDecimal> figures = new EnumMap<>(Figure.class);
    private final Map<Figure, Deque<String>> movedBy = new EnumMap<>(Figure.class);
    private final Map<YearMonth, BigDecimal> accruals = new LinkedHashMap<>();
    private final List<PostingLine> postings = new ArrayList<>();
    private final Map<String, Cost> costs = new LinkedHashMap<>();

    LedgerReplay() {
        for (Figure figure : Figure.values()) {
            figures.put(figure, BigDecimal.ZERO);
            movedBy.put(figure, new ArrayDeque<>());
        }
    }

    /** Replays one stored event of the account's ledger, {@code event} being its payload. */
    void apply(StoredEvent stored, Object event) {
        events++;
        lastEventId = stored.eventId();
        lastRecordedAt = stored.recordedAt();
        String id = stored.eventId();
        switch (event) {
            case CreditLedgerOpened e -> {
                currency = e.currency();
                billingMode = e.billingMode();
                lowBalance = e.billingMode() == BillingMode.PREPAID;
            }
            case LedgerBillingModeChanged e -> billingMode = e.billingMode();
            case CreditsGranted e -> add(id, e.amount().amount(), Figure.BALANCE, Figure.TOTAL_GRANTED);
            case CreditsExpired e -> takeFromBalance(id, e.amount().amount(), Figure.TOTAL_EXPIRED);
            case UsageCharged e -> {
                BigDecimal change = Posting.customerCreditChange(e.postings());
                add(id, change, Figure.BALANCE);
                add(id, change.negate(), Figure.TOTAL_USED);
                add(id, e.uncollected().amount(), Figure.UNCOLLECTED);
                accrue(e.from(), e.accrued().amount());
                for (ChargeLine line : e.lines()) {
                    costs.put(costKey(e.usageId(), line.meter().name()), new Cost(id, line.quantity(), line.amount()));
                }
            }
            case DebtSettled e -> {
                add(id, e.amount().amount().negate(), Figure.BALANCE, Figure.UNCOLLECTED);
                add(id, e.amount().amount(), Figure.TOTAL_USED);
            }
            case CreditsRefunded e -> takeFromBalance(id, e.amount().amount(), Figure.TOTAL_REFUNDED);
            case ChargeReversed e -> {
                add(id, new Posting(e.debit(), e.credit(), e.amount()).customerCreditChange(), Figure.BALANCE);
                add(id, e.amount().amount(), Figure.TOTAL_REVERSED);
                if (e.credit() == LedgerAccount.RECEIVABLE) {
                    accrue(e.reversedAt(), e.amount().amount().negate());
                }
            }
            case InvoicePaymentReceived e -> {
                BigDecimal owed = figures.get(Figure.UNCOLLECTED);
                add(id, e.amount().amount().min(owed).max(BigDecimal.ZERO).negate(), Figure.UNCOLLECTED);
            }
            case PurchaseReversed e -> takeFromBalance(id, e.amount().amount(), Figure.TOTAL_REFUNDED);
            case CreditsHeld e -> takeFromBalance(id, e.amount().amount(), Figure.TOTAL_HELD);
            case LowBalanceReached e -> lowBalance = true;
            case LowBalanceRecovered e -> lowBalance = false;
            default -> {
            }
        }
        LedgerMovement.of(event).ifPresent(movement -> post(stored, movement));
    }

    private void post(StoredEvent stored, LedgerMovement movement) {
        BigDecimal balance = postings.isEmpty() ? BigDecimal.ZERO : postings.getLast().balanceAfter();
        for (int index = 0; index < movement.postings().size(); index++) {
            Posting posting = movement.postings().get(index);
            balance = balance.add(posting.customerCreditChange());
            postings.add(new PostingLine(stored.eventId(), index, stored.sequence(), stored.recordedAt(), movement,
                    posting, balance));
        }
    }

    private void takeFromBalance(String eventId, BigDecimal amount, Figure total) {
        add(eventId, amount.negate(), Figure.BALANCE);
        add(eventId, amount, total);
    }

    private void add(String eventId, BigDecimal amount, Figure... moved) {
        if (amount.signum() == 0) {
            return;
        }
        for (Figure figure : moved) {
            figures.merge(figure, amount, BigDecimal::add);
            Deque<String> evidence = movedBy.get(figure);
            evidence.addLast(eventId);
            if (evidence.size() > EVIDENCE) {
                evidence.removeFirst();
            }
        }
    }

    /** Postpaid accrual goes to the UTC month of {@code at}, as the balance read model keeps it. */
    private void accrue(Instant at, BigDecimal amount) {
        if (amount.signum() != 0) {
            accruals.merge(YearMonth.from(at.atZone(ZoneOffset.UTC)), amount, BigDecimal::add);
        }
    }

    static String costKey(String usageEventId, String meter) {
        return usageEventId + "/" + meter;
    }

    boolean opened() {
        return currency != null;
    }

    Currency currency() {
        return currency;
    }

    BillingMode billingMode() {
        return billingMode;
    }

    boolean lowBalance() {
        return lowBalance;
    }

    long events() {
        return events;
    }

    String lastEventId() {
        return lastEventId;
    }

    Instant lastRecordedAt() {
        return lastRecordedAt;
    }

    BigDecimal figure(Figure figure) {
        return figures.get(figure);
    }

    List<String> movedBy(Figure figure) {
        return List.copyOf(movedBy.get(figure));
    }

    Map<YearMonth, BigDecimal> accruals() {
        return accruals;
    }

    List<PostingLine> postings() {
        return postings;
    }

    Map<String, Cost> costs() {
        return costs;
    }
}
