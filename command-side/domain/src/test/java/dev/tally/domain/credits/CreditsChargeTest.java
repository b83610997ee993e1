package dev.tally.domain.credits;

import dev.tally.api.Money;
import dev.tally.api.PriceBookId;
import dev.tally.api.credits.AssignLedgerPriceBook;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.CreditsDepleted;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantUse;
import dev.tally.api.credits.LedgerPriceBookAssigned;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.LowBalanceThresholdSet;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.credits.UsageLeftUnrated;
import dev.tally.api.metering.Meter;
import dev.tally.domain.pricing.Seed004;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.api.credits.GrantKind.ADMIN;
import static dev.tally.api.credits.GrantKind.PROMOTION;
import static dev.tally.api.credits.GrantKind.PURCHASE;
import static dev.tally.api.credits.LedgerAccount.CUSTOMER_CREDIT;
import static dev.tally.api.credits.LedgerAccount.RECEIVABLE;
import static dev.tally.api.credits.LedgerAccount.REVENUE;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.credits.Ledgers.ACME;
import static dev.tally.domain.credits.Ledgers.LAST_WEEK;
import static dev.tally.domain.credits.Ledgers.environmentOf;
import static dev.tally.domain.credits.Ledgers.NOW;
import static dev.tally.domain.credits.Ledgers.PRICES_FROM;
import static dev.tally.domain.credits.Ledgers.STANDARD;
import static dev.tally.domain.credits.Ledgers.TOMORROW;
import static dev.tally.domain.credits.Ledgers.YESTERDAY;
import static dev.tally.domain.credits.Ledgers.assignStandard;
import static dev.tally.domain.credits.Ledgers.charge;
import static dev.tally.domain.credits.Ledgers.chargeOf;
import static dev.tally.domain.credits.Ledgers.eur;
import static dev.tally.domain.credits.Ledgers.grant;
import static dev.tally.domain.credits.Ledgers.granted;
import static dev.tally.domain.credits.Ledgers.open;
import static dev.tally.domain.credits.Ledgers.published;
import static dev.tally.domain.credits.Ledgers.publishedBesides;
import static dev.tally.domain.credits.Ledgers.refund;
import static dev.tally.domain.credits.Ledgers.threshold;
import static org.assertj.core.api.Assertions.assertThat;

/** Charging rated usage to a ledger: which credits pay, how far below zero it goes, and what is left as debt. */
class CreditsChargeTest {

    private AggregateTestFixture<Credits> fixture;
    private BigDecimal allowance = BigDecimal.ZERO;

    @BeforeEach
    void setUp() {
        fixture = Ledgers.fixture(currency -> new Money(allowance, currency));
    }

    @Test
    void seed004UsageCostsExactly46_70() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", PURCHASE, "100.00"))
                .when(charge("u1", NOW, Seed004.USAGE)), UsageCharged.class);

        assertThat(charged.amount()).isEqualTo(eur("46.70"));
        assertThat(charged.lines()).extracting(ChargeLine::meter)
                .containsExactly(Meter.CPU, Meter.MEMORY, Meter.STORAGE, Meter.EGRESS);
        assertThat(charged.lines()).extracting(ChargeLine::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("36"), new BigDecimal("7.2"), new BigDecimal("3"), new BigDecimal("0.5"));
        assertThat(charged.lines()).extracting(ChargeLine::price)
                .containsExactly(new BigDecimal("0.05"), new BigDecimal("0.005"), new BigDecimal("0.10"),
                        new BigDecimal("0.01"));
        assertThat(charged.priceBookId()).isEqualTo(STANDARD);
        assertThat(charged.priceVersion()).isEqualTo(1);
        assertThat(charged.usageId()).isEqualTo("u1");
        assertThat(charged.environmentId()).isEqualTo(environmentOf("u1"));
        assertThat(charged.consumed()).containsExactly(new GrantUse("g1", eur("46.70")));
        assertThat(charged.postings()).containsExactly(new Posting(CUSTOMER_CREDIT, REVENUE, eur("46.70")));
    }

    /** The threshold makes the balance visible: it is reported as the charge crosses it. */
    @Test
    void seed004UsageTakesAPrepaidBalanceOf100To53_30() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), threshold("60"), grant("g1", PURCHASE, "100.00"))
                .when(charge("u1", NOW, Seed004.USAGE));

        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new LowBalanceReached(ACME, eur("53.30"), eur("60")));
    }

    @Test
    void grantExpiringFirstIsTakenFirstThenOneWithoutExpiry() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("forever", ADMIN, "50"),
                        grant("tomorrow", PROMOTION, "100", YESTERDAY, TOMORROW))
                .when(chargeOf("u1", "120")), UsageCharged.class);

        assertThat(charged.consumed())
                .containsExactly(new GrantUse("tomorrow", eur("100")), new GrantUse("forever", eur("20")));
    }

    @Test
    void ofTwoGrantsExpiringAtTheSameTimeTheOlderIsTakenFirst() {
        Instant nextWeek = NOW.plus(Duration.ofDays(7));

        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(),
                        grant("newer", PROMOTION, "30", YESTERDAY, nextWeek),
                        grant("older", PROMOTION, "30", LAST_WEEK, nextWeek))
                .when(chargeOf("u1", "40")), UsageCharged.class);

        assertThat(charged.consumed())
                .containsExactly(new GrantUse("older", eur("30")), new GrantUse("newer", eur("10")));
    }

    @Test
    void ofTwoGrantsWithoutExpiryTheOlderIsTakenFirst() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(),
                        grant("newer", PURCHASE, "30", YESTERDAY, null),
                        grant("older", PURCHASE, "30", LAST_WEEK, null))
                .when(chargeOf("u1", "40")), UsageCharged.class);

        assertThat(charged.consumed())
                .containsExactly(new GrantUse("older", eur("30")), new GrantUse("newer", eur("10")));
    }

    @Test
    void grantExpiringAtTheWindowStartDoesNotPayForIt() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("forever", ADMIN, "50"),
                        grant("ends-at-start", PROMOTION, "100", YESTERDAY, NOW))
                .when(chargeOf("u1", NOW, "10")), UsageCharged.class);

        assertThat(charged.consumed()).containsExactly(new GrantUse("forever", eur("10")));
    }

    @Test
    void grantExpiringJustAfterTheWindowStartPaysForIt() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("forever", ADMIN, "50"),
                        grant("ends-after-start", PROMOTION, "100", YESTERDAY, NOW.plusNanos(1)))
                .when(chargeOf("u1", NOW, "10")), UsageCharged.class);

        assertThat(charged.consumed()).containsExactly(new GrantUse("ends-after-start", eur("10")));
    }

    @Test
    void pastItsGrantsAPrepaidBalanceGoesBelowZeroWithinTheAllowance() {
        allowance = new BigDecimal("10");

        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"))
                .when(chargeOf("u1", "12"));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.consumed()).containsExactly(new GrantUse("g1", eur("5")));
        assertThat(charged.overdrawn()).isEqualTo(eur("7"));
        assertThat(charged.uncollected()).isEqualTo(eur("0"));
        assertThat(charged.accrued()).isEqualTo(eur("0"));
        assertThat(charged.postings()).containsExactly(new Posting(CUSTOMER_CREDIT, REVENUE, eur("12")));
        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new LowBalanceReached(ACME, eur("-7"), eur("0")));
    }

    @Test
    void usagePastTheAllowanceIsUncollectedDebtAndDepletesTheCredits() {
        allowance = new BigDecimal("10");

        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"))
                .when(chargeOf("u1", "20"));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.consumed()).containsExactly(new GrantUse("g1", eur("5")));
        assertThat(charged.overdrawn()).isEqualTo(eur("10"));
        assertThat(charged.uncollected()).isEqualTo(eur("5"));
        assertThat(charged.postings()).containsExactly(new Posting(CUSTOMER_CREDIT, REVENUE, eur("15")),
                new Posting(RECEIVABLE, REVENUE, eur("5")));
        assertThat(publishedBesides(result, UsageCharged.class)).containsExactly(
                new CreditsDepleted(ACME, eur("-10"), eur("10")),
                new LowBalanceReached(ACME, eur("-10"), eur("0")));
    }

    @Test
    void reachingTheAllowanceExactlyDepletesTheCredits() {
        allowance = new BigDecimal("10");

        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"))
                .when(chargeOf("u1", "15"));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.overdrawn()).isEqualTo(eur("10"));
        assertThat(charged.uncollected()).isEqualTo(eur("0"));
        assertThat(publishedBesides(result, UsageCharged.class))
                .startsWith(new CreditsDepleted(ACME, eur("-10"), eur("10")));
    }

    @Test
    void creditsAreDepletedOncePerDepletion() {
        allowance = new BigDecimal("10");

        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "20"))
                .when(chargeOf("u2", "3"));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.overdrawn()).isEqualTo(eur("0"));
        assertThat(charged.uncollected()).isEqualTo(eur("3"));
        assertThat(charged.postings()).containsExactly(new Posting(RECEIVABLE, REVENUE, eur("3")));
        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void creditsArrivingReArmTheDepletion() {
        allowance = new BigDecimal("10");

        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "20"),
                        grant("g2", ADMIN, "3"))
                .when(chargeOf("u2", "5"));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.overdrawn()).isEqualTo(eur("3"));
        assertThat(charged.uncollected()).isEqualTo(eur("2"));
        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new CreditsDepleted(ACME, eur("-10"), eur("10")));
    }

    @Test
    void usingUpTheGrantsLeavesTheAllowanceSoDoesNotDeplete() {
        allowance = new BigDecimal("10");

        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"))
                .when(chargeOf("u1", "100"));

        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new LowBalanceReached(ACME, eur("0"), eur("0")));
    }

    /** With no allowance (the default), using the grants up exactly is all there was: the credits are depleted. */
    @Test
    void withoutAllowanceUsingUpTheGrantsDepletesTheCredits() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "10"))
                .when(chargeOf("u1", "10"));

        assertThat(publishedBesides(result, UsageCharged.class)).containsExactly(
                new CreditsDepleted(ACME, eur("0"), eur("0")), new LowBalanceReached(ACME, eur("0"), eur("0")));
    }

    @Test
    void withoutAllowanceUsagePastTheGrantsIsDebt() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "10"))
                .when(chargeOf("u1", "15")), UsageCharged.class);

        assertThat(charged.consumed()).containsExactly(new GrantUse("g1", eur("10")));
        assertThat(charged.overdrawn()).isEqualTo(eur("0"));
        assertThat(charged.uncollected()).isEqualTo(eur("5"));
    }

    /** Depleted means the credits and the allowance are used up, not that the room below zero is none. */
    @Test
    void chargePaidByGrantsDoesNotDepleteTheCreditsWithoutAllowance() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"))
                .when(chargeOf("u1", "10"));

        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void aLaterGrantRepaysTheOverdraftWithoutAPostingOfItsOwn() {
        allowance = new BigDecimal("10");
        GrantCredits topUp = grant("g2", PURCHASE, "20");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "12"))
                .when(topUp)
                .expectEvents(granted(topUp), new LowBalanceRecovered(ACME, eur("13"), eur("0")));
    }

    @Test
    void whatRepaidTheOverdraftIsNoLongerLeftOfTheGrant() {
        allowance = new BigDecimal("10");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "12"),
                        grant("g2", PURCHASE, "20"))
                .when(refund("refund-1", "g2", eur("13.01")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void aLaterGrantSettlesTheDebtOnceTheOverdraftIsRepaid() {
        allowance = new BigDecimal("10");
        GrantCredits topUp = grant("g2", PURCHASE, "20");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "20"))
                .when(topUp)
                .expectEvents(granted(topUp), new DebtSettled(ACME, "g2", eur("5"), CUSTOMER_CREDIT, RECEIVABLE),
                        new LowBalanceRecovered(ACME, eur("5"), eur("0")));
    }

    @Test
    void aGrantThatOnlyRepaysPartOfTheOverdraftSettlesNoDebt() {
        allowance = new BigDecimal("10");
        GrantCredits topUp = grant("g2", PURCHASE, "8");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "20"))
                .when(topUp)
                .expectEvents(granted(topUp));
    }

    @Test
    void aGrantSmallerThanTheDebtSettlesWhatItCan() {
        GrantCredits topUp = grant("g2", PURCHASE, "10");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "20"))
                .when(topUp)
                .expectEvents(granted(topUp), new DebtSettled(ACME, "g2", eur("10"), CUSTOMER_CREDIT, RECEIVABLE));
    }

    @Test
    void aClosedLedgerIsStillCharged() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"),
                        new CloseCreditLedger(ACME, YESTERDAY))
                .when(chargeOf("u1", "10")), UsageCharged.class);

        assertThat(charged.consumed()).containsExactly(new GrantUse("g1", eur("10")));
    }

    @Test
    void usageIsLeftUnratedWhenTheLedgerHasNoPriceBook() {
        fixture.givenCommands(open(PREPAID), grant("g1", ADMIN, "100"))
                .when(chargeOf("u1", "10"))
                .expectEvents(new UsageLeftUnrated(ACME, "u1", environmentOf("u1"), NOW, NOW.plusSeconds(3_600),
                        "the account has no price book"));
    }

    @Test
    void usageIsLeftUnratedWhenNoVersionIsInForceAtItsStart() {
        Instant before = PRICES_FROM.minusSeconds(1);

        UsageLeftUnrated unrated = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"))
                .when(chargeOf("u1", before, "10")), UsageLeftUnrated.class);

        assertThat(unrated.usageId()).isEqualTo("u1");
        assertThat(unrated.from()).isEqualTo(before);
        assertThat(unrated.reason()).contains("no version in force");
    }

    /** The threshold makes the balance visible: all 100.00 are still there. */
    @Test
    void unratedUsageTakesNothing() {
        fixture.givenCommands(open(PREPAID), grant("g1", PURCHASE, "100"), chargeOf("u1", "10"), assignStandard())
                .when(threshold("100"))
                .expectEvents(new LowBalanceThresholdSet(ACME, eur("100"), null),
                        new LowBalanceReached(ACME, eur("100"), eur("100")));
    }

    @Test
    void postpaidUsageAccruesAsReceivableWithoutTakingGrants() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(POSTPAID), assignStandard(), grant("g1", ADMIN, "100"))
                .when(chargeOf("u1", "30"));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.consumed()).isEmpty();
        assertThat(charged.overdrawn()).isEqualTo(eur("0"));
        assertThat(charged.uncollected()).isEqualTo(eur("0"));
        assertThat(charged.accrued()).isEqualTo(eur("30"));
        assertThat(charged.postings()).containsExactly(new Posting(RECEIVABLE, REVENUE, eur("30")));
        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void postpaidUsageNeverDepletesTheCredits() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(POSTPAID), assignStandard())
                .when(chargeOf("u1", "1000"));

        assertThat(published(result, UsageCharged.class).accrued()).isEqualTo(eur("1000"));
        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void grantsAreLeftWholeByPostpaidUsage() {
        fixture.givenCommands(open(POSTPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"),
                        new ChangeLedgerBillingMode(ACME, PREPAID))
                .when(threshold("100"))
                .expectEvents(new LowBalanceThresholdSet(ACME, eur("100"), null),
                        new LowBalanceReached(ACME, eur("100"), eur("100")));
    }

    @Test
    void usageOfMetersWithoutARateChargesNothing() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard())
                .when(charge("u1", NOW, List.of(Seed004.used(Meter.GPU, new BigDecimal(3_600)))));

        UsageCharged charged = published(result, UsageCharged.class);
        assertThat(charged.lines()).isEmpty();
        assertThat(charged.amount()).isEqualTo(eur("0"));
        assertThat(charged.consumed()).isEmpty();
        assertThat(charged.postings()).isEmpty();
        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void canAssignLedgerPriceBook() {
        fixture.givenCommands(open(PREPAID))
                .when(assignStandard())
                .expectEvents(new LedgerPriceBookAssigned(ACME, STANDARD));
    }

    @Test
    void assigningTheSamePriceBookAgainChangesNothing() {
        fixture.givenCommands(open(PREPAID), assignStandard())
                .when(assignStandard())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void usageIsRatedWithTheLastPriceBookAssigned() {
        PriceBookId premium = PriceBookId.of("premium");

        fixture.givenCommands(open(PREPAID), assignStandard(), new AssignLedgerPriceBook(ACME, premium))
                .when(chargeOf("u1", "10"))
                .expectEvents(new UsageLeftUnrated(ACME, "u1", environmentOf("u1"), NOW, NOW.plusSeconds(3_600),
                        "price book premium has no version in force at " + NOW));
    }

    @Test
    void aWindowChargedBeforeIsARepeatAndChangesNothing() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "10"))
                .when(chargeOf("u1", "10"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aWindowOfAnEnvironmentBeforeItsLastChargedOneChangesNothing() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "10"))
                .when(chargeOf("u1", NOW.minus(Duration.ofHours(1)), "10"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theNextWindowOfAnEnvironmentIsCharged() {
        UsageCharged next = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "10"))
                .when(chargeOf("u1", NOW.plus(Duration.ofHours(1)), "10")), UsageCharged.class);

        assertThat(next.amount()).isEqualTo(eur("10"));
    }
}
