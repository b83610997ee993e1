package dev.tally.domain.pricing;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.EnvironmentId;
import dev.tally.api.Money;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.AssignLedgerPriceBook;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.ChargeUsage;
import dev.tally.api.credits.CreditPolicy;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.GrantUse;
import dev.tally.api.credits.OpenCreditLedger;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.pricing.CreatePriceBook;
import dev.tally.api.pricing.PriceBookUsageRated;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.PublishPriceVersion;
import dev.tally.api.pricing.Rate;
import dev.tally.domain.InMemoryAxon;
import dev.tally.domain.credits.Credits;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.domain.pricing.Seed004.rate;
import static dev.tally.domain.pricing.Seed004.used;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rating by the PriceBook aggregate, loaded through its repository in the caller's unit of work, or from its committed
 * state for hours it has claimed, as {@link PriceBookRating} does in the application: here over Axon's in-memory event
 * store, without Spring.
 */
class PriceBookRatingTest {

    private static final PriceBookId STANDARD = PriceBookId.of("standard");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant CREATED_AT = Instant.parse("2026-01-01T09:00:00Z");
    private static final Instant PUBLISHED_AT = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant FEBRUARY_10 = Instant.parse("2026-02-10T14:00:00Z");
    /** An hour of one core. */
    private static final MeteredQuantity CORE_HOUR = used(Meter.CPU, new BigDecimal(3_600));

    private InMemoryAxon axon;
    private Repository<PriceBook> books;
    private PriceBookRating rating;

    @BeforeEach
    void setUp() {
        axon = new InMemoryAxon(PUBLISHED_AT);
        books = axon.register(PriceBook.class);
        rating = new PriceBookRating(books);
        axon.send(new CreatePriceBook(STANDARD, "Standard", EUR, CREATED_AT));
    }

    @Test
    void seed004UsageCostsExactly46_70() {
        publish(FEBRUARY, Seed004.RATES);

        RatedUsage rated = rated(FEBRUARY_10, Seed004.USAGE).orElseThrow();

        assertThat(rated.priceBookId()).isEqualTo(STANDARD);
        assertThat(rated.version()).isEqualTo(1);
        assertThat(rated.amount()).isEqualByComparingTo(Seed004.COST);
        assertThat(rated.lines()).extracting(ChargeLine::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("36"), new BigDecimal("7.2"), new BigDecimal("3"), new BigDecimal("0.5"));
    }

    @Test
    void theAmountIsTheSumOfTheLinesAtScale12() {
        publish(FEBRUARY, Seed004.RATES);
        List<MeteredQuantity> odd = List.of(used(Meter.CPU, new BigDecimal("1.000000001")),
                used(Meter.MEMORY, new BigDecimal("7")), used(Meter.STORAGE, new BigDecimal("0.333")),
                used(Meter.EGRESS, new BigDecimal("123456789")));

        RatedUsage rated = rated(FEBRUARY_10, odd).orElseThrow();

        assertThat(rated.lines()).hasSize(4).allSatisfy(line -> assertThat(line.amount().scale()).isEqualTo(12));
        assertThat(rated.amount().scale()).isEqualTo(12);
        assertThat(rated.amount()).isEqualTo(rated.lines().stream().map(ChargeLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(rated.lines().get(1).amount()).isEqualTo(Seed004.MEMORY.amountFor(new BigDecimal("7")));
    }

    @Test
    void theVersionInForceAtTheWindowStartRatesTheWindow() {
        publish(FEBRUARY, Seed004.RATES);
        publish(MARCH, List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.04")));

        RatedUsage lastOfFebruary = rated(MARCH.minusMillis(1), List.of(CORE_HOUR)).orElseThrow();
        RatedUsage firstOfMarch = rated(MARCH, List.of(CORE_HOUR)).orElseThrow();

        assertThat(lastOfFebruary.version()).isEqualTo(1);
        assertThat(lastOfFebruary.amount()).isEqualByComparingTo("0.05");
        assertThat(firstOfMarch.version()).isEqualTo(2);
        assertThat(firstOfMarch.amount()).isEqualByComparingTo("0.04");
    }

    @Test
    void ofTwoVersionsStartingTogetherTheLaterPublishedRates() {
        publish(FEBRUARY, Seed004.RATES);
        publish(FEBRUARY, List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.04")));

        RatedUsage rated = rated(FEBRUARY_10, List.of(CORE_HOUR)).orElseThrow();

        assertThat(rated.version()).isEqualTo(2);
        assertThat(rated.amount()).isEqualByComparingTo("0.04");
    }

    @Test
    void aMeterWithoutARateGivesNoLine() {
        publish(FEBRUARY, List.of(Seed004.CPU));

        RatedUsage rated = rated(FEBRUARY_10, List.of(used(Meter.GPU, new BigDecimal(3_600)), CORE_HOUR,
                used(Meter.MEMORY, new BigDecimal(3_600)))).orElseThrow();

        assertThat(rated.lines()).extracting(ChargeLine::meter).containsExactly(Meter.CPU);
        assertThat(rated.amount()).isEqualByComparingTo("0.05");
    }

    @Test
    void aRateWithoutItsOwnBasisBillsTheMeteredQuantity() {
        publish(FEBRUARY, List.of(Seed004.CPU));
        MeteredQuantity requested = new MeteredQuantity(Meter.CPU, Basis.REQUEST, new BigDecimal(1_800),
                new BigDecimal(7_200), new BigDecimal(7_200));

        ChargeLine line = rated(FEBRUARY_10, List.of(requested)).orElseThrow().lines().getFirst();

        assertThat(line.basis()).isEqualTo(Basis.REQUEST);
        assertThat(line.quantity()).isEqualByComparingTo("7200");
        assertThat(line.amount()).isEqualByComparingTo("0.10");
    }

    @Test
    void aRateWithItsOwnBasisBillsThatBasis() {
        publish(FEBRUARY, List.of(new Rate(Meter.CPU, PriceUnit.CORE_HOUR, new BigDecimal("0.05"), Basis.MAX)));
        MeteredQuantity usedLessThanRequested = new MeteredQuantity(Meter.CPU, Basis.USAGE, new BigDecimal(3_600),
                new BigDecimal(10_800), new BigDecimal(3_600));

        ChargeLine line = rated(FEBRUARY_10, List.of(usedLessThanRequested)).orElseThrow().lines().getFirst();

        assertThat(line.basis()).isEqualTo(Basis.MAX);
        assertThat(line.quantity()).isEqualByComparingTo("10800");
        assertThat(line.amount()).isEqualByComparingTo("0.15");
    }

    /** Egress has no request: a rate billing the request bills the usage, and the line says so. */
    @Test
    void aRateBillingARequestThatWasNeverSetBillsTheUsage() {
        publish(FEBRUARY, List.of(new Rate(Meter.EGRESS, PriceUnit.GB, new BigDecimal("0.01"), Basis.REQUEST)));
        MeteredQuantity egress = used(Meter.EGRESS, new BigDecimal(2_000_000_000L));

        ChargeLine line = rated(FEBRUARY_10, List.of(egress)).orElseThrow().lines().getFirst();

        assertThat(line.basis()).isEqualTo(Basis.USAGE);
        assertThat(line.quantity()).isEqualByComparingTo("2000000000");
        assertThat(line.amount()).isEqualByComparingTo("0.02");
    }

    /** A rated window claims the rest of its hour, so the book notes rating once an hour however often it rates. */
    @Test
    void ratingNotesUsageRatedThroughTheEndOfTheHourOnlyWhenTheWindowStartMovesPastIt() {
        publish(FEBRUARY, Seed004.RATES);
        Instant endOfHour = FEBRUARY_10.plus(Duration.ofHours(1));

        rated(FEBRUARY_10, List.of(CORE_HOUR));
        rated(FEBRUARY_10, List.of(CORE_HOUR));
        rated(FEBRUARY_10.minus(Duration.ofHours(1)), List.of(CORE_HOUR));
        rated(FEBRUARY_10.plus(Duration.ofMinutes(30)), List.of(CORE_HOUR));
        rated(endOfHour, List.of(CORE_HOUR));
        rated(endOfHour.plus(Duration.ofMinutes(10)), List.of(CORE_HOUR));

        assertThat(usageRated()).containsExactly(new PriceBookUsageRated(STANDARD, endOfHour),
                new PriceBookUsageRated(STANDARD, endOfHour.plus(Duration.ofHours(1))));
    }

    @Test
    void noVersionInForceGivesNothingAndNotesNothing() {
        publish(MARCH, Seed004.RATES);

        assertThat(rated(FEBRUARY_10, Seed004.USAGE)).isEmpty();
        assertThat(usageRated()).isEmpty();
    }

    @Test
    void aBookWithoutVersionsRatesNothing() {
        assertThat(rated(FEBRUARY_10, Seed004.USAGE)).isEmpty();
        assertThat(usageRated()).isEmpty();
    }

    /**
     * The note is part of the charging work: if that work fails, the book has not rated anything, nor is the claim
     * remembered as settled: a version may still start in that hour, and it rates the window.
     */
    @Test
    void ratingInWorkThatFailsNotesNothing() {
        publish(FEBRUARY, Seed004.RATES);

        assertThatThrownBy(() -> axon.inUnitOfWork(() -> {
            rating.rate(STANDARD, FEBRUARY_10, List.of(CORE_HOUR));
            throw new IllegalStateException("the charge failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(usageRated()).isEmpty();
        publish(FEBRUARY_10, List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.04")));
        assertThat(rated(FEBRUARY_10, List.of(CORE_HOUR))).hasValueSatisfying(rated -> {
            assertThat(rated.version()).isEqualTo(2);
            assertThat(rated.amount()).isEqualByComparingTo("0.04");
        });
    }

    @Test
    void aVersionCanNoLongerStartInTheHourUsageHasBeenRatedIn() {
        publish(FEBRUARY, Seed004.RATES);
        rated(FEBRUARY_10, List.of(CORE_HOUR));
        Instant endOfHour = FEBRUARY_10.plus(Duration.ofHours(1));

        for (Instant refused : List.of(FEBRUARY_10, FEBRUARY_10.plusMillis(1), endOfHour)) {
            assertThatThrownBy(() -> publish(refused, Seed004.RATES)).isInstanceOfSatisfying(DomainException.class,
                    conflict -> assertThat(conflict.code()).isEqualTo(CONFLICT));
        }
        assertThat(publish(endOfHour.plusMillis(1), Seed004.RATES)).isEqualTo(2);
    }

    /**
     * A window in an hour the book has claimed (and committed) is priced without the book: while another unit of work
     * holds the book's lock, it is priced at once.
     */
    @Test
    void aWindowInAnHourAlreadyRatedIsPricedWithoutWaitingForTheBook() throws Exception {
        publish(FEBRUARY, Seed004.RATES);
        rated(FEBRUARY_10, List.of(CORE_HOUR));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> axon.inUnitOfWork(() -> {
                books.load(STANDARD.aggregateId());
                locked.countDown();
                return release.await(30, TimeUnit.SECONDS);
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            Future<Optional<RatedUsage>> sameHour = threads.submit(
                    () -> rated(FEBRUARY_10.plus(Duration.ofMinutes(30)), List.of(CORE_HOUR)));

            assertThat(sameHour.get(10, TimeUnit.SECONDS)).hasValueSatisfying(
                    rated -> assertThat(rated.amount()).isEqualByComparingTo("0.05"));
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** A ledger charging usage loads the book in its own command's unit of work: both commit together. */
    @Test
    void aLedgerChargeIsRatedByTheBookAndNotedInIt() {
        publish(FEBRUARY, Seed004.RATES);
        AccountId acme = AccountId.of("acme");
        CreditPolicy noAllowance = Money::zero;
        axon.register(Credits.class, rating, noAllowance);
        axon.send(new OpenCreditLedger(acme, EUR, BillingMode.PREPAID));
        axon.send(new AssignLedgerPriceBook(acme, STANDARD));
        axon.send(new GrantCredits(acme, "g1", GrantKind.PURCHASE, Money.of("100.00", "EUR"), CREATED_AT, null,
                null));

        axon.send(new ChargeUsage(acme, "u1", EnvironmentId.of("notebook"), FEBRUARY_10,
                FEBRUARY_10.plus(Duration.ofDays(30)), Seed004.USAGE));

        UsageCharged charged = axon.events(acme.ledgerId()).stream().filter(UsageCharged.class::isInstance)
                .map(UsageCharged.class::cast).findFirst().orElseThrow();
        assertThat(charged.amount()).isEqualTo(Money.of("46.70", "EUR"));
        assertThat(charged.priceVersion()).isEqualTo(1);
        assertThat(charged.consumed()).containsExactly(new GrantUse("g1", Money.of("46.70", "EUR")));
        assertThat(usageRated()).containsExactly(
                new PriceBookUsageRated(STANDARD, FEBRUARY_10.plus(Duration.ofHours(1))));
    }

    private int publish(Instant effectiveFrom, List<Rate> rates) {
        return (int) axon.send(new PublishPriceVersion(STANDARD, effectiveFrom, RoundingMode.HALF_EVEN, rates,
                PUBLISHED_AT));
    }

    private Optional<RatedUsage> rated(Instant windowStart, List<MeteredQuantity> quantities) {
        return axon.inUnitOfWork(() -> rating.rate(STANDARD, windowStart, quantities));
    }

    private List<PriceBookUsageRated> usageRated() {
        return axon.events(STANDARD.aggregateId()).stream().filter(PriceBookUsageRated.class::isInstance)
                .map(PriceBookUsageRated.class::cast).toList();
    }
}
