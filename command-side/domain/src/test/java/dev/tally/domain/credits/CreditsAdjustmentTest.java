package dev.tally.domain.credits;

import dev.tally.api.Money;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.ChargeReversed;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.GrantUse;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.UsageCharged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Stream;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.api.credits.GrantKind.ADMIN;
import static dev.tally.api.credits.GrantKind.PROMOTION;
import static dev.tally.api.credits.GrantKind.PURCHASE;
import static dev.tally.api.credits.LedgerAccount.BREAKAGE;
import static dev.tally.api.credits.LedgerAccount.CASH;
import static dev.tally.api.credits.LedgerAccount.CUSTOMER_CREDIT;
import static dev.tally.api.credits.LedgerAccount.RECEIVABLE;
import static dev.tally.api.credits.LedgerAccount.REVENUE;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.credits.Ledgers.ACME;
import static dev.tally.domain.credits.Ledgers.EUR;
import static dev.tally.domain.credits.Ledgers.NOW;
import static dev.tally.domain.credits.Ledgers.REASON;
import static dev.tally.domain.credits.Ledgers.YESTERDAY;
import static dev.tally.domain.credits.Ledgers.assignStandard;
import static dev.tally.domain.credits.Ledgers.chargeOf;
import static dev.tally.domain.credits.Ledgers.eur;
import static dev.tally.domain.credits.Ledgers.grant;
import static dev.tally.domain.credits.Ledgers.granted;
import static dev.tally.domain.credits.Ledgers.open;
import static dev.tally.domain.credits.Ledgers.published;
import static dev.tally.domain.credits.Ledgers.refund;
import static dev.tally.domain.credits.Ledgers.reverse;
import static org.assertj.core.api.Assertions.assertThat;

/** Refunds of purchased credits and reversals of charges: how far each may go, and their repeats. */
class CreditsAdjustmentTest {

    private AggregateTestFixture<Credits> fixture;
    private BigDecimal allowance = BigDecimal.ZERO;

    @BeforeEach
    void setUp() {
        fixture = Ledgers.fixture(currency -> new Money(allowance, currency));
    }

    @Test
    void canRefundWhatIsLeftOfPurchasedCredits() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), chargeOf("u1", "30"))
                .when(refund("r1", "p1", eur("70")))
                .expectEvents(new CreditsRefunded(ACME, "r1", "p1", eur("70"), REASON, NOW, CUSTOMER_CREDIT, CASH),
                        new LowBalanceReached(ACME, eur("0"), eur("0")));
    }

    @Test
    void cannotRefundMoreThanIsLeftOfTheGrant() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), chargeOf("u1", "30"))
                .when(refund("r1", "p1", eur("70.01")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void refundsOfOneGrantTogetherStayWithinWhatIsLeftOfIt() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), chargeOf("u1", "30"),
                        refund("r1", "p1", eur("40")))
                .when(refund("r2", "p1", eur("30.01")))
                .expectException(domainException(CONFLICT));
    }

    @ParameterizedTest
    @EnumSource(value = GrantKind.class, mode = EnumSource.Mode.EXCLUDE, names = "PURCHASE")
    void onlyPurchasedCreditsCanBeRefunded(GrantKind kind) {
        fixture.givenCommands(open(PREPAID), grant("g1", kind, "100"))
                .when(refund("r1", "g1", eur("10")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotRefundAGrantTheLedgerDoesNotHave() {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"))
                .when(refund("r1", "p2", eur("10")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void creditsGivenBackByAReversalCannotBeRefunded() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), chargeOf("u1", "30"),
                        reverse("v1", eur("10")))
                .when(refund("r1", "v1", eur("10")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void expiredCreditsCannotBeRefunded() {
        GrantCredits purchase = grant("p1", PURCHASE, "100", YESTERDAY.minus(Duration.ofDays(30)), YESTERDAY);

        fixture.given(new CreditLedgerOpened(ACME, EUR, PREPAID), granted(purchase),
                        new CreditsExpired(ACME, "p1", eur("100"), YESTERDAY, CUSTOMER_CREDIT, BREAKAGE))
                .when(refund("r1", "p1", eur("1")))
                .expectException(domainException(CONFLICT));
    }

    @ParameterizedTest
    @MethodSource("notPositiveEuros")
    void refundMustBeAPositiveAmountInTheLedgersCurrency(Money amount) {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"))
                .when(refund("r1", "p1", amount))
                .expectException(domainException(VALIDATION_ERROR));
    }

    @Test
    void aRepeatedRefundChangesNothing() {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"), refund("r1", "p1", eur("100")))
                .when(refund("r1", "p1", eur("100")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefundIdRepeatedWithAnotherAmountIsAConflict() {
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"), refund("r1", "p1", eur("70")))
                .when(refund("r1", "p1", eur("20")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void aPrepaidReversalGivesTheCustomerCreditBack() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"))
                .when(reverse("v1", eur("10")))
                .expectEvents(new ChargeReversed(ACME, "v1", "u1", eur("10"), REASON, NOW, REVENUE, CUSTOMER_CREDIT))
                .expectNoScheduledDeadlines();
    }

    @Test
    void reversedCreditsAreUsedLikeAGrantWithoutExpiry() {
        UsageCharged charged = published(fixture
                .givenCommands(open(PREPAID), assignStandard(), grant("old", ADMIN, "40"), chargeOf("u1", "40"),
                        reverse("v1", eur("10")), grant("promo", PROMOTION, "5", NOW, NOW.plus(Duration.ofDays(2))))
                .when(chargeOf("u2", NOW.plus(Duration.ofHours(1)), "12")), UsageCharged.class);

        assertThat(charged.consumed()).containsExactly(new GrantUse("promo", eur("5")), new GrantUse("v1", eur("7")));
    }

    @Test
    void aPrepaidReversalRepaysTheOverdraftThenSettlesDebt() {
        allowance = new BigDecimal("10");

        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "5"), chargeOf("u1", "20"))
                .when(reverse("v1", eur("18")))
                .expectEvents(new ChargeReversed(ACME, "v1", "u1", eur("18"), REASON, NOW, REVENUE, CUSTOMER_CREDIT),
                        new DebtSettled(ACME, "v1", eur("5"), CUSTOMER_CREDIT, RECEIVABLE),
                        new LowBalanceRecovered(ACME, eur("3"), eur("0")));
    }

    @Test
    void aPostpaidReversalLowersWhatIsOwed() {
        fixture.givenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", "30"))
                .when(reverse("v1", eur("10")))
                .expectEvents(new ChargeReversed(ACME, "v1", "u1", eur("10"), REASON, NOW, REVENUE, RECEIVABLE));
    }

    @Test
    void aPostpaidReversalGivesNoCreditsToUse() {
        UsageCharged charged = published(fixture
                .givenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", "30"), reverse("v1", eur("10")),
                        new ChangeLedgerBillingMode(ACME, PREPAID))
                .when(chargeOf("u2", "5")), UsageCharged.class);

        assertThat(charged.consumed()).isEmpty();
        assertThat(charged.uncollected()).isEqualTo(eur("5"));
    }

    @Test
    void canReverseAllThatWasCharged() {
        fixture.givenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", "30"))
                .when(reverse("v1", eur("30")))
                .expectEvents(new ChargeReversed(ACME, "v1", "u1", eur("30"), REASON, NOW, REVENUE, RECEIVABLE));
    }

    @Test
    void cannotReverseMoreThanWasCharged() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"))
                .when(reverse("v1", eur("30.01")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void reversalsTogetherStayWithinWhatWasCharged() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"),
                        reverse("v1", eur("20")))
                .when(reverse("v2", eur("10.01")))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotReverseWhenNothingWasCharged() {
        fixture.givenCommands(open(PREPAID), grant("g1", ADMIN, "100"))
                .when(reverse("v1", eur("1")))
                .expectException(domainException(CONFLICT));
    }

    @ParameterizedTest
    @MethodSource("notPositiveEuros")
    void reversalMustBeAPositiveAmountInTheLedgersCurrency(Money amount) {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"))
                .when(reverse("v1", amount))
                .expectException(domainException(VALIDATION_ERROR));
    }

    @Test
    void aRepeatedReversalChangesNothing() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"),
                        reverse("v1", eur("30")))
                .when(reverse("v1", eur("30")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReversalIdRepeatedWithAnotherAmountIsAConflict() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"),
                        reverse("v1", eur("10")))
                .when(reverse("v1", eur("5")))
                .expectException(domainException(CONFLICT));
    }

    /**
     * A prepaid reversal is kept like a grant under its id, so one named like a grant would replace that grant and
     * its remainder would vanish without a posting: it is refused, as a grant with a reversal's id is.
     */
    @Test
    void aReversalCannotTakeTheIdOfAGrant() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "100"), chargeOf("u1", "30"))
                .when(reverse("g1", eur("10")))
                .expectException(domainException(CONFLICT));
    }

    /**
     * Only a repeat of the same kind of adjustment is one; a reversal with a refund's id is a conflict, not a repeat
     * silently dropped.
     */
    @Test
    void aReversalCannotReuseTheIdOfARefund() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), chargeOf("u1", "30"),
                        refund("adjustment-1", "p1", eur("10")))
                .when(reverse("adjustment-1", eur("10")))
                .expectException(domainException(CONFLICT));
    }

    static Stream<Money> notPositiveEuros() {
        return Stream.of(eur("0"), eur("-1"), Money.of("10", "USD"));
    }
}
