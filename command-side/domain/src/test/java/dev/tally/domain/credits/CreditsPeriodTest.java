package dev.tally.domain.credits;

import dev.tally.api.InvoiceId;
import dev.tally.api.billing.BillingAnchorSet;
import dev.tally.api.billing.CloseEndedPeriods;
import dev.tally.api.billing.ClosePeriod;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.billing.SetBillingAnchor;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.domain.pricing.Seed004;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.api.credits.GrantKind.PURCHASE;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.credits.Ledgers.ACME;
import static dev.tally.domain.credits.Ledgers.allowance;
import static dev.tally.domain.credits.Ledgers.assignStandard;
import static dev.tally.domain.credits.Ledgers.charge;
import static dev.tally.domain.credits.Ledgers.chargeOf;
import static dev.tally.domain.credits.Ledgers.environmentOf;
import static dev.tally.domain.credits.Ledgers.eur;
import static dev.tally.domain.credits.Ledgers.grant;
import static dev.tally.domain.credits.Ledgers.open;
import static dev.tally.domain.credits.Ledgers.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Billing periods close into invoices: a line per meter, environment and price, rounded once; late usage later. */
class CreditsPeriodTest {

    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JANUARY_10 = Instant.parse("2026-01-10T10:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant FEBRUARY_3 = Instant.parse("2026-02-03T10:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");

    private AggregateTestFixture<Credits> fixture;

    @BeforeEach
    void setUp() {
        fixture = Ledgers.fixture(allowance("0"));
    }

    private static ClosePeriod close(Instant periodEnd, String invoiceId) {
        return new ClosePeriod(ACME, periodEnd, InvoiceId.of(invoiceId), periodEnd.plusSeconds(60));
    }

    @Test
    void aPostpaidMonthOfSeed004UsageClosesIntoItsFourLines() {
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(), charge("u1", JANUARY_10, Seed004.USAGE))
                .when(close(FEBRUARY, "inv-1")), PeriodClosed.class);

        assertThat(closed.periodStart()).isEqualTo(OPENED);
        assertThat(closed.periodEnd()).isEqualTo(FEBRUARY);
        assertThat(closed.lines()).extracting(InvoiceLine::meter)
                .containsExactly(Meter.CPU, Meter.MEMORY, Meter.STORAGE, Meter.EGRESS);
        assertThat(closed.lines()).extracting(InvoiceLine::amount)
                .containsExactly(eur("36.00"), eur("7.20"), eur("3.00"), eur("0.50"));
        assertThat(closed.lines()).extracting(InvoiceLine::unit)
                .containsExactly(PriceUnit.CORE_HOUR, PriceUnit.GB_HOUR, PriceUnit.GB_DAY, PriceUnit.GB);
        assertThat(closed.lines()).extracting(InvoiceLine::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(720), new BigDecimal(1_440), new BigDecimal(30), new BigDecimal(50));
        assertThat(closed.lines()).allSatisfy(line -> {
            assertThat(line.environmentId()).isEqualTo(environmentOf("u1"));
            assertThat(line.adjustment()).isFalse();
        });
        assertThat(closed.subtotal()).isEqualTo(eur("46.70"));
        assertThat(closed.creditsApplied()).isEqualTo(eur("0"));
        assertThat(closed.total()).isEqualTo(eur("46.70"));
    }

    @Test
    void aLineSumsItsWindowsExactlyAndIsRoundedOnce() {
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(),
                        chargeOf("u1", JANUARY_10, "0.004"), chargeOf("u1", JANUARY_10.plusSeconds(3_600), "0.004"))
                .when(close(FEBRUARY, "inv-1")), PeriodClosed.class);

        assertThat(closed.lines()).singleElement().satisfies(line -> {
            assertThat(line.exactAmount()).isEqualByComparingTo("0.008");
            assertThat(line.amount()).isEqualTo(eur("0.01"));
        });
    }

    @Test
    void prepaidUsagePaidByCreditsIsDueNothing() {
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(PREPAID), assignStandard(), grant("g1", PURCHASE, "100", OPENED, null),
                        charge("u1", JANUARY_10, Seed004.USAGE))
                .when(close(FEBRUARY, "inv-1")), PeriodClosed.class);

        assertThat(closed.subtotal()).isEqualTo(eur("46.70"));
        assertThat(closed.creditsApplied()).isEqualTo(eur("46.70"));
        assertThat(closed.total()).isEqualTo(eur("0"));
    }

    @Test
    void prepaidUsagePastTheCreditsIsDue() {
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(PREPAID), assignStandard(), grant("g1", PURCHASE, "10", OPENED, null),
                        chargeOf("u1", JANUARY_10, "25"))
                .when(close(FEBRUARY, "inv-1")), PeriodClosed.class);

        assertThat(closed.subtotal()).isEqualTo(eur("25.00"));
        assertThat(closed.creditsApplied()).isEqualTo(eur("10.00"));
        assertThat(closed.total()).isEqualTo(eur("15.00"));
    }

    @Test
    void usageOfTheNextPeriodWaitsForItsOwnInvoice() {
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", JANUARY_10, "5"),
                        chargeOf("u2", FEBRUARY_3, "7"))
                .when(close(FEBRUARY, "inv-1")), PeriodClosed.class);

        assertThat(closed.total()).isEqualTo(eur("5.00"));
        PeriodClosed march = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", JANUARY_10, "5"),
                        chargeOf("u2", FEBRUARY_3, "7"), close(FEBRUARY, "inv-1"))
                .when(close(MARCH, "inv-2")), PeriodClosed.class);
        assertThat(march.periodStart()).isEqualTo(FEBRUARY);
        assertThat(march.total()).isEqualTo(eur("7.00"));
    }

    @Test
    void usageArrivingAfterItsPeriodClosedGoesOnTheNextInvoiceAsAnAdjustment() {
        PeriodClosed march = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", JANUARY_10, "5"),
                        close(FEBRUARY, "inv-1"), chargeOf("late", JANUARY_10.plusSeconds(7_200), "2"),
                        chargeOf("u2", FEBRUARY_3, "7"))
                .when(close(MARCH, "inv-2")), PeriodClosed.class);

        assertThat(march.lines()).extracting(InvoiceLine::environmentId, InvoiceLine::amount,
                        InvoiceLine::adjustment)
                .containsExactly(tuple(environmentOf("u2"), eur("7.00"), false),
                        tuple(environmentOf("late"), eur("2.00"), true));
        assertThat(march.total()).isEqualTo(eur("9.00"));
    }

    @Test
    void closingAPeriodClosedAlreadyChangesNothing() {
        fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", JANUARY_10, "5"),
                        close(FEBRUARY, "inv-1"))
                .when(close(FEBRUARY, "inv-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void aPeriodBeforeTheLedgerOpenedHasNothingToClose() {
        fixture.givenCurrentTime(JANUARY_10)
                .andGivenCommands(open(POSTPAID))
                .when(close(Instant.parse("2026-01-01T00:00:00Z"), "inv-1"))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void aPeriodEndsAtTheStartOfAMonthThatHasBegun() {
        fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID))
                .when(new ClosePeriod(ACME, FEBRUARY_3, InvoiceId.of("inv-1"), MARCH))
                .expectException(domainException(VALIDATION_ERROR))
                .expectNoEvents();
        fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID))
                .when(new ClosePeriod(ACME, MARCH, InvoiceId.of("inv-1"), FEBRUARY_3))
                .expectException(domainException(VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void aLedgerWithNoUsageClosesIntoAnEmptyInvoice() {
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID))
                .when(close(FEBRUARY, "inv-1")), PeriodClosed.class);

        assertThat(closed.lines()).isEmpty();
        assertThat(closed.total()).isEqualTo(eur("0"));
        assertThat(closed.invoiceId()).isEqualTo(InvoiceId.of("inv-1"));
    }

    @Test
    void anAccountOnAnotherAnchorDayClosesThePeriodsEndedOnThatDay() {
        Instant february15 = Instant.parse("2026-02-15T00:00:00Z");
        PeriodClosed closed = published(fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), assignStandard(), new SetBillingAnchor(ACME, 15),
                        chargeOf("u1", JANUARY_10, "5"), chargeOf("u2", FEBRUARY_3, "7"),
                        chargeOf("u3", Instant.parse("2026-02-16T10:00:00Z"), "11"))
                .when(new CloseEndedPeriods(ACME, Instant.parse("2026-02-20T08:00:00Z"), InvoiceId.of("inv-1"),
                        Instant.parse("2026-02-20T08:00:00Z"))), PeriodClosed.class);

        assertThat(closed.periodEnd()).isEqualTo(february15);
        assertThat(closed.total()).isEqualTo(eur("12.00"));
    }

    @Test
    void closingEndedPeriodsWhenNoneHasEndedChangesNothing() {
        fixture.givenCurrentTime(OPENED)
                .andGivenCommands(open(POSTPAID), new SetBillingAnchor(ACME, 15))
                .when(new CloseEndedPeriods(ACME, Instant.parse("2026-01-14T00:00:00Z"), InvoiceId.of("inv-1"),
                        Instant.parse("2026-01-14T00:00:00Z")))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void anAnchorDayIsADayEveryMonthHas() {
        fixture.givenCommands(open(POSTPAID))
                .when(new SetBillingAnchor(ACME, 29))
                .expectException(domainException(VALIDATION_ERROR));
        fixture.givenCommands(open(POSTPAID))
                .when(new SetBillingAnchor(ACME, 15))
                .expectEvents(new BillingAnchorSet(ACME, 15));
        fixture.givenCommands(open(POSTPAID), new SetBillingAnchor(ACME, 15))
                .when(new SetBillingAnchor(ACME, 15))
                .expectNoEvents();
    }
}
