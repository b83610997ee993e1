package dev.tally.domain.credits;

import dev.tally.api.InvoiceId;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsHeld;
import dev.tally.api.credits.DebtSettled;
import dev.tally.api.credits.HoldCredits;
import dev.tally.api.credits.InvoicePaymentReceived;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.LowBalanceReached;
import dev.tally.api.credits.LowBalanceRecovered;
import dev.tally.api.credits.PurchaseReversed;
import dev.tally.api.credits.RecordInvoicePayment;
import dev.tally.api.credits.ReversePurchase;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.tally.api.ErrorCode.NOT_FOUND;
import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.api.credits.GrantKind.ADMIN;
import static dev.tally.api.credits.GrantKind.PURCHASE;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.credits.Ledgers.ACME;
import static dev.tally.domain.credits.Ledgers.NOW;
import static dev.tally.domain.credits.Ledgers.REASON;
import static dev.tally.domain.credits.Ledgers.allowance;
import static dev.tally.domain.credits.Ledgers.assignStandard;
import static dev.tally.domain.credits.Ledgers.chargeOf;
import static dev.tally.domain.credits.Ledgers.eur;
import static dev.tally.domain.credits.Ledgers.grant;
import static dev.tally.domain.credits.Ledgers.open;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.listWithAnyOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

/** Money from outside the ledger: invoices paid, purchases refunded by the payment provider, disputes held. */
class CreditsPaymentsTest {

    private static final InvoiceId INVOICE = InvoiceId.of("inv-1");

    private AggregateTestFixture<Credits> fixture;

    @BeforeEach
    void setUp() {
        fixture = Ledgers.fixture(allowance("0"));
    }

    private static ReversePurchase refunded(String total) {
        return new ReversePurchase(ACME, "p1", eur(total), REASON, NOW);
    }

    @Test
    void aPaidInvoiceIsReceivedInCashOnce() {
        fixture.givenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", "30"),
                        new RecordInvoicePayment(ACME, INVOICE, eur("30"), NOW))
                .when(new RecordInvoicePayment(ACME, INVOICE, eur("30"), NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.givenCommands(open(POSTPAID), assignStandard(), chargeOf("u1", "30"))
                .when(new RecordInvoicePayment(ACME, INVOICE, eur("30"), NOW))
                .expectEvents(new InvoicePaymentReceived(ACME, INVOICE, eur("30"), NOW, LedgerAccount.CASH,
                        LedgerAccount.RECEIVABLE));
    }

    @Test
    void aPaymentOfPrepaidDebtLeavesNothingForTheNextCreditsToSettle() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "10"), chargeOf("u1", "25"),
                        new RecordInvoicePayment(ACME, INVOICE, eur("15"), NOW))
                .when(grant("g2", ADMIN, "5"))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(
                                instanceOf(CreditsGranted.class)),
                        messageWithPayload(
                                instanceOf(LowBalanceRecovered.class)),
                        andNoMore()));
    }

    @Test
    void aRefundedPurchaseTakesWhatIsLeftOfItAndOverdrawsTheRest() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), chargeOf("u1", "70"))
                .when(refunded("100"))
                .expectEvents(new PurchaseReversed(ACME, "p1", eur("100"), eur("100"), eur("30"), REASON, NOW,
                                LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.CASH),
                        new LowBalanceReached(ACME, eur("-70"), eur("0")));
    }

    @Test
    void refundsAreRecordedUpToTheirLatestTotalOnce() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), refunded("30"))
                .when(refunded("40"))
                .expectEvents(new PurchaseReversed(ACME, "p1", eur("10"), eur("40"), eur("10"), REASON, NOW,
                        LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.CASH));
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("p1", PURCHASE, "100"), refunded("30"))
                .when(refunded("10"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyAPurchaseCanBeRefundedOrHeld() {
        fixture.givenCommands(open(PREPAID), grant("a1", ADMIN, "100"))
                .when(new ReversePurchase(ACME, "a1", eur("10"), REASON, NOW))
                .expectException(domainException(NOT_FOUND));
        fixture.givenCommands(open(PREPAID), grant("a1", ADMIN, "100"))
                .when(new HoldCredits(ACME, "dp_1", "a1", eur("10"), REASON, NOW))
                .expectException(domainException(NOT_FOUND));
    }

    @Test
    void disputedCreditsAreHeldOnce() {
        HoldCredits hold = new HoldCredits(ACME, "dp_1", "p1", eur("50"), REASON, NOW);

        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"))
                .when(hold)
                .expectEvents(new CreditsHeld(ACME, "dp_1", "p1", eur("50"), eur("50"), REASON, NOW,
                        LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.DISPUTED));
        fixture.givenCommands(open(PREPAID), grant("p1", PURCHASE, "100"), hold)
                .when(hold)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void debtLeftUnpaidIsSettledByTheNextCredits() {
        fixture.givenCommands(open(PREPAID), assignStandard(), grant("g1", ADMIN, "10"), chargeOf("u1", "25"))
                .when(grant("g2", ADMIN, "20"))
                .expectEventsMatching(payloadsMatching(
                        listWithAnyOf(
                                equalTo(new DebtSettled(ACME, "g2", eur("15"),
                                        LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.RECEIVABLE)))));
    }
}
