package dev.tally.domain.credits;

import dev.tally.api.Money;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.LedgerBillingModeChanged;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.LowBalanceThresholdSet;
import dev.tally.api.credits.SetLowBalanceThreshold;
import dev.tally.api.credits.UsageCharged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.api.credits.GrantKind.ADMIN;
import static dev.tally.api.credits.GrantKind.PROMOTION;
import static dev.tally.api.credits.GrantKind.PURCHASE;
import static dev.tally.api.credits.GrantKind.VOUCHER;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.credits.Ledgers.ACME;
import static dev.tally.domain.credits.Ledgers.allowance;
import static dev.tally.domain.credits.Ledgers.assignStandard;
import static dev.tally.domain.credits.Ledgers.chargeOf;
import static dev.tally.domain.credits.Ledgers.eur;
import static dev.tally.domain.credits.Ledgers.grant;
import static dev.tally.domain.credits.Ledgers.granted;
import static dev.tally.domain.credits.Ledgers.open;
import static dev.tally.domain.credits.Ledgers.publishedBesides;
import static dev.tally.domain.credits.Ledgers.threshold;
import static dev.tally.domain.credits.Ledgers.thresholdPercent;
import static org.assertj.core.api.Assertions.assertThat;

/** The low-balance threshold of prepaid ledgers: crossed once each way, at a fixed amount or a share of a top-up. */
class CreditsLowBalanceTest {

    private AggregateTestFixture<Credits> fixture;

    @BeforeEach
    void setUp() {
        fixture = Ledgers.fixture(allowance("0"));
    }

    @Test
    void creditsThatLeaveTheBalanceAtTheThresholdDoNotRecoverIt() {
        GrantCredits purchase = grant("p1", PURCHASE, "50");

        fixture.givenCommands(open(PREPAID), threshold("50"))
                .when(purchase)
                .expectEvents(granted(purchase));
    }

    @Test
    void aPostpaidLedgerNeverRunsLow() {
        GrantCredits purchase = grant("p1", PURCHASE, "50");

        fixture.givenCommands(open(POSTPAID), assignStandard(), threshold("100"))
                .when(purchase)
                .expectEvents(granted(purchase));
    }

    @Test
    void aBalanceFallingToTheThresholdReachesIt() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), threshold("20"), grant("p1", PURCHASE, "100"))
                .when(chargeOf("u1", "80"));

        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new LowBalanceReached(ACME, eur("20"), eur("20")));
    }

    @Test
    void aBalanceStayingAboveTheThresholdReachesNothing() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), threshold("20"), grant("p1", PURCHASE, "100"))
                .when(chargeOf("u1", "79.99"));

        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void theThresholdIsReachedOncePerCrossing() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), threshold("20"), grant("p1", PURCHASE, "100"),
                        chargeOf("u1", "80"))
                .when(chargeOf("u2", "5"));

        assertThat(publishedBesides(result, UsageCharged.class)).isEmpty();
    }

    @Test
    void creditsLiftingTheBalanceAboveTheThresholdRecoverIt() {
        GrantCredits topUp = grant("p2", PURCHASE, "50");

        fixture.givenCommands(open(PREPAID), assignStandard(), threshold("20"), grant("p1", PURCHASE, "100"),
                        chargeOf("u1", "80"))
                .when(topUp)
                .expectEvents(granted(topUp), new LowBalanceRecovered(ACME, eur("70"), eur("20")));
    }

    @Test
    void theThresholdIsRecoveredOncePerCrossing() {
        GrantCredits another = grant("p3", PURCHASE, "10");

        fixture.givenCommands(open(PREPAID), assignStandard(), threshold("20"), grant("p1", PURCHASE, "100"),
                        chargeOf("u1", "80"), grant("p2", PURCHASE, "50"))
                .when(another)
                .expectEvents(granted(another));
    }

    @Test
    void aThresholdSetAtOrAboveTheBalanceIsReachedAtOnce() {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"))
                .when(threshold("100"))
                .expectEvents(new LowBalanceThresholdSet(ACME, eur("100"), null),
                        new LowBalanceReached(ACME, eur("100"), eur("100")));
    }

    @Test
    void aThresholdLoweredBelowTheBalanceRecovers() {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"), threshold("150"))
                .when(threshold("99.99"))
                .expectEvents(new LowBalanceThresholdSet(ACME, eur("99.99"), null),
                        new LowBalanceRecovered(ACME, eur("100"), eur("99.99")));
    }

    @Test
    void withoutAThresholdTheBalanceRunsLowAtZero() {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"), threshold("150"))
                .when(new SetLowBalanceThreshold(ACME, null, null))
                .expectEvents(new LowBalanceThresholdSet(ACME, null, null),
                        new LowBalanceRecovered(ACME, eur("100"), eur("0")));
    }

    @Test
    void aPercentThresholdIsThatShareOfTheLastTopUp() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "200"), thresholdPercent("25"))
                .when(chargeOf("u1", "150"));

        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new LowBalanceReached(ACME, eur("50"), eur("50")));
    }

    @Test
    void aPercentThresholdFollowsTheLastPurchaseOrAdminGrantOnly() {
        ResultValidator<Credits> result = fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "200"),
                        grant("a1", ADMIN, "40"), grant("v1", VOUCHER, "300"), grant("pr1", PROMOTION, "500"),
                        thresholdPercent("12.5"))
                .when(chargeOf("u1", "1035"));

        assertThat(publishedBesides(result, UsageCharged.class))
                .containsExactly(new LowBalanceReached(ACME, eur("5"), eur("5")));
    }

    @Test
    void aPercentThresholdWithoutATopUpIsZero() {
        fixture.givenCommands(open(PREPAID), grant("v1", VOUCHER, "100"))
                .when(thresholdPercent("50"))
                .expectEvents(new LowBalanceThresholdSet(ACME, null, new BigDecimal("50")));
    }

    @Test
    void aTopUpMovesAPercentThreshold() {
        GrantCredits topUp = grant("p2", PURCHASE, "10");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "200"), thresholdPercent("50"),
                        chargeOf("u1", "150"))
                .when(topUp)
                .expectEvents(granted(topUp), new LowBalanceRecovered(ACME, eur("60"), eur("5")));
    }

    @Test
    void switchingToPrepaidWithNothingLeftRunsLow() {
        fixture.givenCommands(open(POSTPAID))
                .when(new ChangeLedgerBillingMode(ACME, PREPAID))
                .expectEvents(new LedgerBillingModeChanged(ACME, PREPAID), new LowBalanceReached(ACME, eur("0"),
                        eur("0")));
    }

    @Test
    void switchingToPrepaidWithCreditsAboveTheThresholdStaysQuiet() {
        fixture.givenCommands(open(POSTPAID), grant("p1", PURCHASE, "100"))
                .when(new ChangeLedgerBillingMode(ACME, PREPAID))
                .expectEvents(new LedgerBillingModeChanged(ACME, PREPAID));
    }

    @ParameterizedTest
    @MethodSource("invalidThresholds")
    void cannotSetAnInvalidThreshold(Money amount, String percent) {
        fixture.givenCommands(open(PREPAID))
                .when(new SetLowBalanceThreshold(ACME, amount, percent == null ? null : new BigDecimal(percent)))
                .expectException(domainException(VALIDATION_ERROR));
    }

    static Stream<Arguments> invalidThresholds() {
        return Stream.of(
                Arguments.of(eur("10"), "10"),
                Arguments.of(eur("-0.01"), null),
                Arguments.of(Money.of("10", "USD"), null),
                Arguments.of(null, "-1"),
                Arguments.of(null, "100.01"));
    }
}
