package dev.tally.domain.credits;

import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.CreditPolicy;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantExpiryDue;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.OpenCreditLedger;
import dev.tally.api.credits.RefundCredits;
import dev.tally.api.credits.ReverseCharge;
import dev.tally.api.credits.SetLowBalanceThreshold;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.domain.InMemoryAxon;
import dev.tally.domain.PublishedEvents;
import dev.tally.domain.pricing.Seed004;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.credits.Ledgers.ACME;
import static dev.tally.domain.credits.Ledgers.EUR;
import static dev.tally.domain.credits.Ledgers.LEDGER;
import static dev.tally.domain.credits.Ledgers.PRICES_FROM;
import static dev.tally.domain.credits.Ledgers.REASON;
import static dev.tally.domain.credits.Ledgers.assignStandard;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random lives of a ledger: grants of every kind (some expiring), charges of random amounts (some in windows no
 * price is in force for, some of meters without a rate, some starting after a grant expires), time passing so grants
 * expire, refunds and reversals (some too large, some repeated), threshold and billing-mode changes.
 *
 * <p>The ledger runs as in production, on a cached repository that carries its state from command to command. After
 * every step its new events are checked by {@link LedgerBooks}, and the same step is decided again by a fixture that
 * rebuilds the ledger from all events so far: it must decide alike. Refusals are predicted from the events. Each
 * repetition draws from its own seed, named in every failure message with the last steps taken.
 */
class CreditsPropertyTest {

    private static final long BASE_SEED = 0x1ed9e7L;
    private static final int STEPS = 40;
    private static final Instant START = PRICES_FROM.plus(Duration.ofDays(3));
    private static final List<String> ALLOWANCES = List.of("0", "0", "10", "25.5", "1000");

    @RepeatedTest(200)
    void everyStepKeepsTheBooksAndIsDecidedAlikeFromTheEvents(RepetitionInfo repetition) {
        new Life(BASE_SEED + repetition.getCurrentRepetition()).live();
    }

    /** What a command must do: add events, change nothing (a repeat), or be refused as a conflict. */
    private enum Expect {
        EVENTS,
        NOTHING,
        CONFLICT
    }

    private static final class Life {

        private final long seed;
        private final Random random;
        private final InMemoryAxon axon;
        private final AggregateTestFixture<Credits> rebuilt;
        private final LedgerBooks books;
        private final List<Object> history = new ArrayList<>();
        private final List<String> steps = new ArrayList<>();
        private final List<GrantCredits> grants = new ArrayList<>();
        private final List<RefundCredits> refunds = new ArrayList<>();
        private final List<ReverseCharge> reversals = new ArrayList<>();
        private Instant clock = START;
        private int ids;

        Life(long seed) {
            this.seed = seed;
            random = new Random(seed);
            BigDecimal allowance = new BigDecimal(ALLOWANCES.get(random.nextInt(ALLOWANCES.size())));
            CreditPolicy policy = currency -> new Money(allowance, currency);
            axon = new InMemoryAxon(START);
            axon.register(Credits.class, Ledgers.SEED_004_PRICES, policy);
            rebuilt = Ledgers.fixture(policy);
            books = new LedgerBooks(allowance);
            steps.add("allowance " + allowance);
        }

        void live() {
            send(new OpenCreditLedger(ACME, EUR, random.nextInt(4) == 0 ? POSTPAID : PREPAID), Expect.EVENTS);
            if (random.nextInt(10) > 0) {
                send(assignStandard(), Expect.EVENTS);
            }
            for (int step = 0; step < STEPS; step++) {
                int dice = random.nextInt(100);
                if (dice < 25) {
                    grant();
                } else if (dice < 55) {
                    charge();
                } else if (dice < 70) {
                    letTimePass();
                } else if (dice < 79) {
                    refund();
                } else if (dice < 88) {
                    reverse();
                } else if (dice < 94) {
                    setThreshold();
                } else if (dice < 98) {
                    changeBillingMode();
                } else if (dice < 99) {
                    send(assignStandard(), books.priced() ? Expect.NOTHING : Expect.EVENTS);
                } else {
                    send(new CloseCreditLedger(ACME, clock), books.closed() ? Expect.NOTHING : Expect.EVENTS);
                }
            }
        }

        private void grant() {
            if (!grants.isEmpty() && random.nextInt(10) == 0) {
                send(pick(grants), Expect.NOTHING);
                return;
            }
            GrantKind kind = GrantKind.values()[random.nextInt(GrantKind.values().length)];
            Instant expiresAt = random.nextInt(10) < 4
                    ? clock.plus(Duration.ofMinutes(1 + random.nextInt(10 * 24 * 60))) : null;
            GrantCredits grant = new GrantCredits(ACME, "g" + ++ids, kind, amount(), clock, expiresAt, null);
            Expect expect = books.closed() ? Expect.CONFLICT : Expect.EVENTS;
            send(grant, expect);
            if (expect == Expect.EVENTS) {
                grants.add(grant);
            }
        }

        /** Mostly a window that just ended; sometimes one before any price, or one starting ahead of the clock. */
        private void charge() {
            Instant from = switch (random.nextInt(20)) {
                case 0 -> PRICES_FROM.minus(Duration.ofMinutes(1 + random.nextInt(600)));
                case 1, 2 -> clock.plus(Duration.ofMinutes(random.nextInt(2 * 24 * 60)));
                default -> clock.minus(Duration.ofMinutes(random.nextInt(180)));
            };
            List<MeteredQuantity> quantities = new ArrayList<>();
            int shape = random.nextInt(10);
            if (shape < 6) {
                quantities.add(Seed004.cpuCosting(BigDecimal.valueOf(random.nextInt(15_000), 2)));
            } else if (shape < 9) {
                quantities.add(Seed004.used(Meter.CPU, BigDecimal.valueOf(random.nextLong(5_000_000_000L), 3)));
            }
            if (shape == 9 || random.nextInt(4) == 0) {
                quantities.add(Seed004.used(Meter.GPU, new BigDecimal(3_600)));
            }
            send(Ledgers.charge("u" + ++ids, from, quantities), Expect.EVENTS);
        }

        /** Deadlines due by the new time are delivered one by one, each decided again from the events before it. */
        private void letTimePass() {
            clock = clock.plus(Duration.ofMinutes(1 + random.nextInt(4 * 24 * 60)));
            steps.add("time passes to " + clock);
            axon.advanceTimeTo(clock, deadline -> {
                GrantExpiryDue due = (GrantExpiryDue) deadline;
                steps.add(due.toString());
                List<Object> before = List.copyOf(history);
                List<Object> events = newEvents();
                decidedAlike(before, null, events, given -> given.whenInvoking(LEDGER, credits -> credits.on(due)));
                record(events);
            });
            books.checkExpiredBy(clock, context());
        }

        private void refund() {
            if (!refunds.isEmpty() && random.nextInt(5) == 0) {
                RefundCredits earlier = pick(refunds);
                if (random.nextBoolean()) {
                    send(earlier, Expect.NOTHING);
                } else {
                    send(new RefundCredits(ACME, earlier.refundId(), earlier.grantId(), plusACent(earlier.amount()),
                            REASON, clock), Expect.CONFLICT);
                }
                return;
            }
            List<String> credits = books.creditIds();
            List<String> purchases = credits.stream().filter(id -> books.kind(id) == GrantKind.PURCHASE).toList();
            String grantId = !purchases.isEmpty() && random.nextInt(10) < 7 ? pick(purchases)
                    : credits.isEmpty() || random.nextInt(10) == 0 ? "unknown" : pick(credits);
            Money amount = amountAround(books.remaining(grantId));
            boolean fits = books.kind(grantId) == GrantKind.PURCHASE
                    && amount.amount().compareTo(books.remaining(grantId)) <= 0;
            RefundCredits refund = new RefundCredits(ACME, "r" + ++ids, grantId, amount, REASON, clock);
            send(refund, fits ? Expect.EVENTS : Expect.CONFLICT);
            if (fits) {
                refunds.add(refund);
            }
        }

        private void reverse() {
            if (!reversals.isEmpty() && random.nextInt(5) == 0) {
                ReverseCharge earlier = pick(reversals);
                if (random.nextBoolean()) {
                    send(earlier, Expect.NOTHING);
                } else {
                    send(new ReverseCharge(ACME, earlier.reversalId(), earlier.chargeId(),
                            plusACent(earlier.amount()), REASON, clock), Expect.CONFLICT);
                }
                return;
            }
            Money amount = amountAround(books.reversible());
            boolean fits = amount.amount().compareTo(books.reversible()) <= 0;
            ReverseCharge reversal = new ReverseCharge(ACME, "v" + ++ids, null, amount, REASON, clock);
            send(reversal, fits ? Expect.EVENTS : Expect.CONFLICT);
            if (fits) {
                reversals.add(reversal);
            }
        }

        private void changeBillingMode() {
            BillingMode mode = random.nextBoolean() ? PREPAID : POSTPAID;
            send(new ChangeLedgerBillingMode(ACME, mode), mode == books.billingMode() ? Expect.NOTHING : Expect.EVENTS);
        }

        private void setThreshold() {
            SetLowBalanceThreshold threshold = switch (random.nextInt(3)) {
                case 0 -> new SetLowBalanceThreshold(ACME, new Money(BigDecimal.valueOf(random.nextInt(15_000), 2),
                        EUR), null);
                case 1 -> new SetLowBalanceThreshold(ACME, null, BigDecimal.valueOf(random.nextInt(1_001), 1));
                default -> new SetLowBalanceThreshold(ACME, null, null);
            };
            send(threshold, Expect.EVENTS);
        }

        /** Sends {@code command} as production would, then has the fixture decide it again from the events. */
        private void send(Object command, Expect expect) {
            steps.add(command.toString());
            List<Object> before = List.copyOf(history);
            ErrorCode refusal = null;
            try {
                axon.send(command);
            } catch (DomainException refused) {
                refusal = refused.code();
            }
            List<Object> events = newEvents();
            assertThat(refusal).as("%s: refusal", context())
                    .isEqualTo(expect == Expect.CONFLICT ? ErrorCode.CONFLICT : null);
            assertThat(events.isEmpty()).as("%s: events %s", context(), events).isEqualTo(expect != Expect.EVENTS);
            decidedAlike(before, refusal, events, given -> given.when(command));
            record(events);
        }

        private void decidedAlike(List<Object> before, ErrorCode refusal, List<Object> events,
                                  Function<TestExecutor<Credits>, ResultValidator<Credits>> step) {
            try {
                ResultValidator<Credits> result = step.apply(before.isEmpty() ? rebuilt.givenNoPriorActivity()
                        : rebuilt.given(before));
                if (refusal != null) {
                    result.expectException(domainException(refusal));
                } else {
                    assertThat(PublishedEvents.of(result.expectSuccessfulHandlerExecution())).isEqualTo(events);
                }
            } catch (AssertionError differently) {
                throw new AssertionError(context() + ": rebuilt from the events, the ledger decided otherwise: "
                        + differently.getMessage(), differently);
            }
        }

        private void record(List<Object> events) {
            books.record(events, clock, context());
            history.addAll(events);
        }

        private List<Object> newEvents() {
            List<Object> stored = axon.events(LEDGER);
            return List.copyOf(stored.subList(history.size(), stored.size()));
        }

        /** All of {@code limit}, a cent more, or any amount (most often when there is no limit). */
        private Money amountAround(BigDecimal limit) {
            if (limit != null && limit.signum() > 0) {
                switch (random.nextInt(4)) {
                    case 0:
                        return new Money(limit, EUR);
                    case 1:
                        return plusACent(new Money(limit, EUR));
                    case 2:
                        return new Money(limit.multiply(BigDecimal.valueOf(random.nextInt(100) + 1, 2)), EUR);
                    default:
                        break;
                }
            }
            return amount();
        }

        /** Cents mostly, sometimes whole euros, sometimes a millionth. */
        private Money amount() {
            BigDecimal amount = switch (random.nextInt(10)) {
                case 0 -> BigDecimal.valueOf(1 + random.nextInt(1_000_000), 6);
                case 1, 2 -> BigDecimal.valueOf(1 + random.nextInt(300));
                default -> BigDecimal.valueOf(1 + random.nextInt(20_000), 2);
            };
            return new Money(amount, EUR);
        }

        private static Money plusACent(Money amount) {
            return amount.plus(Money.of("0.01", "EUR"));
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private String context() {
            return "seed %d, step %d, last steps:%n  %s".formatted(seed, steps.size(),
                    String.join("\n  ", steps.subList(Math.max(0, steps.size() - 8), steps.size())));
        }
    }
}
