package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.CreditLedgerClosed;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantExpiryDue;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.LedgerBillingModeChanged;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.OpenCreditLedger;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Currency;
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
import static dev.tally.api.credits.LedgerAccount.GRANTS_EXPENSE;
import static dev.tally.domain.DomainExceptionMatcher.domainException;

class CreditsTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final String LEDGER = ACME.ledgerId();
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Money HUNDRED_EUR = Money.of("100.00", "EUR");
    private static final Money ZERO_EUR = Money.zero(EUR);
    private static final String GRANT = "grant-1";
    private static final Instant GRANTED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES_AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant CLOSED_AT = Instant.parse("2026-09-30T17:00:00Z");
    private static final String NOTE = "spring promotion";

    private AggregateTestFixture<Credits> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Credits.class);
    }

    @Test
    void canOpenCreditLedger() {
        fixture.givenNoPriorActivity()
                .when(new OpenCreditLedger(ACME, EUR, PREPAID))
                .expectEvents(opened());
    }

    @Test
    void canChangeLedgerBillingMode() {
        fixture.given(opened())
                .when(new ChangeLedgerBillingMode(ACME, POSTPAID))
                .expectEvents(new LedgerBillingModeChanged(ACME, POSTPAID));
    }

    @Test
    void changingToCurrentLedgerBillingModeChangesNothing() {
        fixture.given(opened(), new LedgerBillingModeChanged(ACME, POSTPAID))
                .when(new ChangeLedgerBillingMode(ACME, POSTPAID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canCloseCreditLedger() {
        fixture.given(opened())
                .when(new CloseCreditLedger(ACME, CLOSED_AT))
                .expectEvents(new CreditLedgerClosed(ACME, CLOSED_AT));
    }

    @Test
    void repeatedCloseChangesNothing() {
        fixture.given(opened(), new CreditLedgerClosed(ACME, CLOSED_AT))
                .when(new CloseCreditLedger(ACME, CLOSED_AT.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canGrantCredits() {
        fixture.given(opened())
                .when(grant(ADMIN, HUNDRED_EUR, null))
                .expectEvents(granted(ADMIN, null, GRANTS_EXPENSE), recovered(HUNDRED_EUR))
                .expectNoScheduledDeadlines();
    }

    @Test
    void purchasedCreditsAreFundedByCash() {
        fixture.given(opened())
                .when(grant(PURCHASE, HUNDRED_EUR, null))
                .expectEvents(granted(PURCHASE, null, CASH), recovered(HUNDRED_EUR));
    }

    @Test
    void canGrantCreditsWithExpiry() {
        fixture.givenCurrentTime(GRANTED_AT)
                .andGiven(opened())
                .when(grant(PROMOTION, HUNDRED_EUR, EXPIRES_AT))
                .expectEvents(granted(PROMOTION, EXPIRES_AT, GRANTS_EXPENSE), recovered(HUNDRED_EUR))
                .expectScheduledDeadline(EXPIRES_AT, new GrantExpiryDue(GRANT))
                .expectScheduledDeadlineWithName(EXPIRES_AT, GrantExpiryDue.DEADLINE_NAME);
    }

    @Test
    void grantExpiresUnusedRemainderAtItsInstant() {
        fixture.givenCurrentTime(GRANTED_AT)
                .andGiven(opened())
                .andGivenCommands(grant(PROMOTION, HUNDRED_EUR, EXPIRES_AT))
                .whenTimeAdvancesTo(EXPIRES_AT)
                .expectTriggeredDeadlines(new GrantExpiryDue(GRANT))
                .expectEvents(new CreditsExpired(ACME, GRANT, HUNDRED_EUR, EXPIRES_AT, CUSTOMER_CREDIT, BREAKAGE),
                        new LowBalanceReached(ACME, ZERO_EUR, ZERO_EUR));
    }

    @Test
    void grantDoesNotExpireBeforeItsInstant() {
        fixture.givenCurrentTime(GRANTED_AT)
                .andGiven(opened())
                .andGivenCommands(grant(PROMOTION, HUNDRED_EUR, EXPIRES_AT))
                .whenTimeAdvancesTo(EXPIRES_AT.minusNanos(1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** A deadline store delivers at least once, so the handler is called directly to deliver a second time. */
    @Test
    void expiryDeadlineRepeatedChangesNothing() {
        fixture.given(opened(), granted(PROMOTION, EXPIRES_AT, GRANTS_EXPENSE),
                        new CreditsExpired(ACME, GRANT, HUNDRED_EUR, EXPIRES_AT, CUSTOMER_CREDIT, BREAKAGE))
                .whenInvoking(LEDGER, credits -> credits.on(new GrantExpiryDue(GRANT)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiryDeadlineOfUnknownGrantChangesNothing() {
        fixture.given(opened())
                .whenInvoking(LEDGER, credits -> credits.on(new GrantExpiryDue(GRANT)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatedGrantWithSameTermsChangesNothing() {
        fixture.given(opened(), granted(PROMOTION, EXPIRES_AT, GRANTS_EXPENSE))
                .when(grant(PROMOTION, HUNDRED_EUR, EXPIRES_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void repeatedGrantChangesNothingEvenAfterLedgerClosed() {
        fixture.given(opened(), granted(ADMIN, null, GRANTS_EXPENSE), new CreditLedgerClosed(ACME, CLOSED_AT))
                .when(grant(ADMIN, HUNDRED_EUR, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("sameGrantIdWithOtherTerms")
    void cannotRepeatGrantIdWithOtherTerms(GrantCredits other) {
        fixture.given(opened(), granted(PROMOTION, EXPIRES_AT, GRANTS_EXPENSE))
                .when(other)
                .expectException(domainException(CONFLICT));
    }

    static Stream<GrantCredits> sameGrantIdWithOtherTerms() {
        return Stream.of(
                grant(PROMOTION, Money.of("100.01", "EUR"), EXPIRES_AT),
                grant(ADMIN, HUNDRED_EUR, EXPIRES_AT),
                grant(PROMOTION, HUNDRED_EUR, EXPIRES_AT.plusSeconds(1)),
                grant(PROMOTION, HUNDRED_EUR, null),
                new GrantCredits(ACME, GRANT, PROMOTION, HUNDRED_EUR, GRANTED_AT, EXPIRES_AT, "another note"));
    }

    @Test
    void cannotGrantToClosedLedger() {
        fixture.given(opened(), new CreditLedgerClosed(ACME, CLOSED_AT))
                .when(grant(ADMIN, HUNDRED_EUR, null))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotGrantInOtherCurrency() {
        fixture.given(opened())
                .when(grant(ADMIN, Money.of("100", "USD"), null))
                .expectException(domainException(VALIDATION_ERROR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-5"})
    void cannotGrantNonPositiveAmount(String amount) {
        fixture.given(opened())
                .when(grant(ADMIN, Money.of(amount, "EUR"), null))
                .expectException(domainException(VALIDATION_ERROR));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void cannotGrantExpiringAtOrBeforeGrant(long secondsAfterGrant) {
        fixture.given(opened())
                .when(grant(PROMOTION, HUNDRED_EUR, GRANTED_AT.plusSeconds(secondsAfterGrant)))
                .expectException(domainException(VALIDATION_ERROR));
    }

    private static CreditLedgerOpened opened() {
        return new CreditLedgerOpened(ACME, EUR, PREPAID);
    }

    private static GrantCredits grant(GrantKind kind, Money amount, Instant expiresAt) {
        return new GrantCredits(ACME, GRANT, kind, amount, GRANTED_AT, expiresAt, NOTE);
    }

    /** A prepaid ledger starts low (its balance 0 is at the default threshold 0), so its first credits recover it. */
    private static LowBalanceRecovered recovered(Money balance) {
        return new LowBalanceRecovered(ACME, balance, ZERO_EUR);
    }

    private static CreditsGranted granted(GrantKind kind, Instant expiresAt, LedgerAccount funding) {
        return new CreditsGranted(ACME, GRANT, kind, HUNDRED_EUR, GRANTED_AT, expiresAt, NOTE, funding, CUSTOMER_CREDIT);
    }
}
