package dev.tally.domain.account;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;
import dev.tally.api.ClusterId;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountClusterAssigned;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AssignPriceBook;
import dev.tally.api.account.PriceBookAssigned;
import dev.tally.api.account.AccountReinstated;
import dev.tally.api.account.AccountSuspended;
import dev.tally.api.account.AssignCluster;
import dev.tally.api.account.AssignInitialCluster;
import dev.tally.api.account.BillingModeChanged;
import dev.tally.api.account.ChangeBillingMode;
import dev.tally.api.account.CloseAccount;
import dev.tally.api.account.LinkSubject;
import dev.tally.api.account.OpenAccount;
import dev.tally.api.account.ReinstateAccount;
import dev.tally.api.account.SubjectLinked;
import dev.tally.api.account.SuspendAccount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static dev.tally.domain.DomainExceptionMatcher.domainException;

class AccountTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final PriceBookId STANDARD = PriceBookId.of("standard");
    private static final PriceBookId DISCOUNT = PriceBookId.of("discount");
    private static final Instant OPENED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CLOSED_AT = Instant.parse("2026-09-30T17:00:00Z");
    private static final String REASON = "payment overdue";
    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final ClusterId EU_2 = ClusterId.of("eu-2");
    private static final String SUBJECT = "auth0|65f1c2d3e4b5a6978899aabb";
    private static final String OTHER_SUBJECT = "google-oauth2|104557382910293847561";

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void canOpenAccount() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACME, "billing@acme.test", "Acme", EUR, PREPAID, "idp|42", "standard", OPENED_AT))
                .expectEvents(new AccountOpened(ACME, "billing@acme.test", "Acme", EUR, PREPAID, "idp|42", "standard",
                        OPENED_AT));
    }

    @Test
    void canChangeBillingMode() {
        fixture.given(opened())
                .when(new ChangeBillingMode(ACME, POSTPAID))
                .expectEvents(new BillingModeChanged(ACME, PREPAID, POSTPAID));
    }

    @Test
    void billingModeChangeNamesTheModeItReplaces() {
        fixture.given(opened(), new BillingModeChanged(ACME, PREPAID, POSTPAID))
                .when(new ChangeBillingMode(ACME, PREPAID))
                .expectEvents(new BillingModeChanged(ACME, POSTPAID, PREPAID));
    }

    @Test
    void changingToCurrentBillingModeChangesNothing() {
        fixture.given(opened())
                .when(new ChangeBillingMode(ACME, PREPAID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotChangeBillingModeOfClosedAccount() {
        fixture.given(opened(), closed())
                .when(new ChangeBillingMode(ACME, POSTPAID))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canSuspendAccount() {
        fixture.given(opened())
                .when(new SuspendAccount(ACME, REASON))
                .expectEvents(new AccountSuspended(ACME, REASON));
    }

    @Test
    void repeatedSuspendChangesNothing() {
        fixture.given(opened(), new AccountSuspended(ACME, REASON))
                .when(new SuspendAccount(ACME, REASON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotSuspendClosedAccount() {
        fixture.given(opened(), closed())
                .when(new SuspendAccount(ACME, REASON))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canReinstateSuspendedAccount() {
        fixture.given(opened(), new AccountSuspended(ACME, REASON))
                .when(new ReinstateAccount(ACME))
                .expectEvents(new AccountReinstated(ACME));
    }

    @Test
    void canSuspendReinstatedAccountAgain() {
        fixture.given(opened(), new AccountSuspended(ACME, REASON), new AccountReinstated(ACME))
                .when(new SuspendAccount(ACME, REASON))
                .expectEvents(new AccountSuspended(ACME, REASON));
    }

    @Test
    void reinstatingActiveAccountChangesNothing() {
        fixture.given(opened())
                .when(new ReinstateAccount(ACME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotReinstateClosedAccount() {
        fixture.given(opened(), new AccountSuspended(ACME, REASON), closed())
                .when(new ReinstateAccount(ACME))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canCloseAccount() {
        fixture.given(opened())
                .when(new CloseAccount(ACME, CLOSED_AT))
                .expectEvents(closed());
    }

    @Test
    void canCloseSuspendedAccount() {
        fixture.given(opened(), new AccountSuspended(ACME, REASON))
                .when(new CloseAccount(ACME, CLOSED_AT))
                .expectEvents(closed());
    }

    @Test
    void repeatedCloseChangesNothing() {
        fixture.given(opened(), closed())
                .when(new CloseAccount(ACME, CLOSED_AT.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canAssignCluster() {
        fixture.given(opened())
                .when(new AssignCluster(ACME, EU_1))
                .expectEvents(new AccountClusterAssigned(ACME, EU_1, null));
    }

    @Test
    void clusterAssignmentNamesTheClusterItReplaces() {
        fixture.given(opened(), new AccountClusterAssigned(ACME, EU_1, null))
                .when(new AssignCluster(ACME, EU_2))
                .expectEvents(new AccountClusterAssigned(ACME, EU_2, EU_1));
    }

    @Test
    void assigningTheCurrentClusterChangesNothing() {
        fixture.given(opened(), new AccountClusterAssigned(ACME, EU_1, null))
                .when(new AssignCluster(ACME, EU_1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canAssignClusterToSuspendedAccount() {
        fixture.given(opened(), new AccountSuspended(ACME, REASON))
                .when(new AssignCluster(ACME, EU_1))
                .expectEvents(new AccountClusterAssigned(ACME, EU_1, null));
    }

    @Test
    void cannotAssignClusterToClosedAccount() {
        fixture.given(opened(), new AccountClusterAssigned(ACME, EU_1, null), closed())
                .when(new AssignCluster(ACME, EU_2))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canAssignPriceBook() {
        fixture.given(opened())
                .when(new AssignPriceBook(ACME, STANDARD))
                .expectEvents(new PriceBookAssigned(ACME, STANDARD, null, EUR));
    }

    @Test
    void reassigningPriceBookNamesThePreviousOne() {
        fixture.given(opened(), new PriceBookAssigned(ACME, STANDARD, null, EUR))
                .when(new AssignPriceBook(ACME, DISCOUNT))
                .expectEvents(new PriceBookAssigned(ACME, DISCOUNT, STANDARD, EUR));
    }

    @Test
    void assigningTheSamePriceBookChangesNothing() {
        fixture.given(new AccountOpened(ACME, "billing@acme.test", "Acme", EUR, PREPAID, null, STANDARD.value(),
                        OPENED_AT))
                .when(new AssignPriceBook(ACME, STANDARD))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotAssignPriceBookToClosedAccount() {
        fixture.given(opened(), closed())
                .when(new AssignPriceBook(ACME, STANDARD))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canLinkSubjectToAccountWithoutOne() {
        fixture.given(opened())
                .when(new LinkSubject(ACME, SUBJECT))
                .expectEvents(new SubjectLinked(ACME, SUBJECT));
    }

    @Test
    void linkingTheLinkedSubjectAgainChangesNothing() {
        fixture.given(opened(), new SubjectLinked(ACME, SUBJECT))
                .when(new LinkSubject(ACME, SUBJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void linkingTheSubjectItWasOpenedWithChangesNothing() {
        fixture.given(openedFor(SUBJECT))
                .when(new LinkSubject(ACME, SUBJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotLinkAnotherSubjectToAccountOpenedWithOne() {
        fixture.given(openedFor(SUBJECT))
                .when(new LinkSubject(ACME, OTHER_SUBJECT))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotLinkAnotherSubjectToLinkedAccount() {
        fixture.given(opened(), new SubjectLinked(ACME, SUBJECT))
                .when(new LinkSubject(ACME, OTHER_SUBJECT))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotLinkSubjectToClosedAccount() {
        fixture.given(opened(), closed())
                .when(new LinkSubject(ACME, SUBJECT))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canAssignInitialClusterToAccountWithoutOne() {
        fixture.given(opened())
                .when(new AssignInitialCluster(ACME, EU_1))
                .expectEvents(new AccountClusterAssigned(ACME, EU_1, null))
                .expectResultMessagePayload(EU_1);
    }

    @Test
    void initialClusterAssignmentLeavesAnAccountOnItsCluster() {
        fixture.given(opened(), new AccountClusterAssigned(ACME, EU_1, null))
                .when(new AssignInitialCluster(ACME, EU_2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(EU_1);
    }

    @Test
    void initialClusterAssignmentFollowsAReassignment() {
        fixture.given(opened(), new AccountClusterAssigned(ACME, EU_1, null),
                        new AccountClusterAssigned(ACME, EU_2, EU_1))
                .when(new AssignInitialCluster(ACME, EU_1))
                .expectNoEvents()
                .expectResultMessagePayload(EU_2);
    }

    @Test
    void cannotAssignInitialClusterToClosedAccount() {
        fixture.given(opened(), closed())
                .when(new AssignInitialCluster(ACME, EU_1))
                .expectException(domainException(CONFLICT));
    }

    private static AccountOpened opened() {
        return new AccountOpened(ACME, "billing@acme.test", "Acme", EUR, PREPAID, null, null, OPENED_AT);
    }

    private static AccountOpened openedFor(String subject) {
        return new AccountOpened(ACME, "billing@acme.test", "Acme", EUR, PREPAID, subject, null, OPENED_AT);
    }

    private static AccountClosed closed() {
        return new AccountClosed(ACME, CLOSED_AT);
    }
}
