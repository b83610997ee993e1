package dev.tally.domain.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.cluster.AccountAssignedToCluster;
import dev.tally.api.cluster.AccountReleasedFromCluster;
import dev.tally.api.cluster.AssignAccountToCluster;
import dev.tally.api.cluster.AttachEnvironment;
import dev.tally.api.cluster.ChangeClusterNodes;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterNodesChanged;
import dev.tally.api.cluster.ClusterRegistered;
import dev.tally.api.cluster.DeregisterCluster;
import dev.tally.api.cluster.DetachEnvironment;
import dev.tally.api.cluster.EnvironmentAttached;
import dev.tally.api.cluster.EnvironmentDetached;
import dev.tally.api.cluster.Node;
import dev.tally.api.cluster.RegisterCluster;
import dev.tally.api.cluster.ReleaseAccountFromCluster;
import dev.tally.api.metering.MeteringPolicySource;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.domain.DomainExceptionMatcher.domainException;

/** A cluster's registration, nodes, accounts and environments. Its scrapes are in {@link ClusterScrapeTest}. */
class ClusterTest {

    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final AccountId ACME = AccountId.of("acme");
    private static final AccountId GLOBEX = AccountId.of("globex");
    private static final AccountId INITECH = AccountId.of("initech");
    private static final EnvironmentId NOTEBOOK = EnvironmentId.of("notebook");
    private static final String NAMESPACE = "acme-ns";
    private static final Instant REGISTERED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DEREGISTERED_AT = Instant.parse("2026-09-30T17:00:00Z");
    private static final Node NODE_A = new Node("node-a", new BigDecimal("16"), 64L << 30, 0);
    private static final Node NODE_B = new Node("node-b", new BigDecimal("8"), 32L << 30, 1);

    private AggregateTestFixture<Cluster> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cluster.class);
        fixture.registerInjectableResource((MeteringPolicySource) interval -> {
            throw new AssertionError("no scrape in these tests");
        });
    }

    @Test
    void canRegisterCluster() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCluster(EU_1, "EU 1", "https://k8s.eu-1.test", "secret/eu-1", 2, 60, REGISTERED_AT))
                .expectEvents(registered(2));
    }

    @Test
    void canRegisterClusterWithRoomForOneAccountScrapedEverySecond() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCluster(EU_1, "EU 1", "https://k8s.eu-1.test", null, 1, 1, REGISTERED_AT))
                .expectEvents(new ClusterRegistered(EU_1, "EU 1", "https://k8s.eu-1.test", null, 1, 1,
                        REGISTERED_AT));
    }

    @Test
    void cannotRegisterClusterWithoutRoomForAnyAccount() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCluster(EU_1, "EU 1", "https://k8s.eu-1.test", null, 0, 60, REGISTERED_AT))
                .expectException(domainException(VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void cannotRegisterClusterWithoutScrapeInterval() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCluster(EU_1, "EU 1", "https://k8s.eu-1.test", null, 2, 0, REGISTERED_AT))
                .expectException(domainException(VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void canChangeNodes() {
        fixture.given(registered(2))
                .when(new ChangeClusterNodes(EU_1, List.of(NODE_A, NODE_B)))
                .expectEvents(new ClusterNodesChanged(EU_1, List.of(NODE_A, NODE_B)));
    }

    @Test
    void nodesChangeNamesTheNewSet() {
        fixture.given(registered(2), new ClusterNodesChanged(EU_1, List.of(NODE_A, NODE_B)))
                .when(new ChangeClusterNodes(EU_1, List.of(NODE_A)))
                .expectEvents(new ClusterNodesChanged(EU_1, List.of(NODE_A)));
    }

    @Test
    void sameNodesAgainChangeNothing() {
        fixture.given(registered(2), new ClusterNodesChanged(EU_1, List.of(NODE_A, NODE_B)))
                .when(new ChangeClusterNodes(EU_1, List.of(NODE_A, NODE_B)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noNodesOnAFreshClusterChangeNothing() {
        fixture.given(registered(2))
                .when(new ChangeClusterNodes(EU_1, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canDeregisterCluster() {
        fixture.given(registered(2))
                .when(new DeregisterCluster(EU_1, DEREGISTERED_AT))
                .expectEvents(new ClusterDeregistered(EU_1, DEREGISTERED_AT));
    }

    @Test
    void repeatedDeregisterChangesNothing() {
        fixture.given(registered(2), deregistered())
                .when(new DeregisterCluster(EU_1, DEREGISTERED_AT.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotChangeNodesOfDeregisteredCluster() {
        fixture.given(registered(2), deregistered())
                .when(new ChangeClusterNodes(EU_1, List.of(NODE_A)))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotAssignAccountToDeregisteredCluster() {
        fixture.given(registered(2), deregistered())
                .when(new AssignAccountToCluster(EU_1, ACME))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotAttachEnvironmentToDeregisteredCluster() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME), deregistered())
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canAssignAccount() {
        fixture.given(registered(2))
                .when(new AssignAccountToCluster(EU_1, ACME))
                .expectEvents(new AccountAssignedToCluster(EU_1, ACME));
    }

    @Test
    void canAssignAccountsUpToMaxAccounts() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME))
                .when(new AssignAccountToCluster(EU_1, GLOBEX))
                .expectEvents(new AccountAssignedToCluster(EU_1, GLOBEX));
    }

    @Test
    void cannotAssignAccountToFullCluster() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME), new AccountAssignedToCluster(EU_1, GLOBEX))
                .when(new AssignAccountToCluster(EU_1, INITECH))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void repeatedAssignmentChangesNothingEvenWhenFull() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME), new AccountAssignedToCluster(EU_1, GLOBEX))
                .when(new AssignAccountToCluster(EU_1, ACME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canReleaseAccount() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME))
                .when(new ReleaseAccountFromCluster(EU_1, ACME))
                .expectEvents(new AccountReleasedFromCluster(EU_1, ACME));
    }

    @Test
    void releasingAccountNotOnClusterChangesNothing() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME))
                .when(new ReleaseAccountFromCluster(EU_1, GLOBEX))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasedAccountFreesItsPlace() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME), new AccountAssignedToCluster(EU_1, GLOBEX),
                        new AccountReleasedFromCluster(EU_1, ACME))
                .when(new AssignAccountToCluster(EU_1, INITECH))
                .expectEvents(new AccountAssignedToCluster(EU_1, INITECH));
    }

    @Test
    void canAttachEnvironmentOfAssignedAccount() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME))
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .expectEvents(new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE));
    }

    @Test
    void cannotAttachEnvironmentOfAccountNotAssigned() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, GLOBEX))
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotAttachEnvironmentOfReleasedAccount() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME), new AccountReleasedFromCluster(EU_1, ACME))
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void repeatedAttachChangesNothing() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotAttachAnAttachedEnvironmentInAnotherNamespace() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, "elsewhere"))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void canDetachEnvironment() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .when(new DetachEnvironment(EU_1, NOTEBOOK))
                .expectEvents(new EnvironmentDetached(EU_1, NOTEBOOK));
    }

    @Test
    void canDetachEnvironmentFromDeregisteredCluster() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE), deregistered())
                .when(new DetachEnvironment(EU_1, NOTEBOOK))
                .expectEvents(new EnvironmentDetached(EU_1, NOTEBOOK));
    }

    @Test
    void detachingEnvironmentNotAttachedChangesNothing() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE), new EnvironmentDetached(EU_1, NOTEBOOK))
                .when(new DetachEnvironment(EU_1, NOTEBOOK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void detachedEnvironmentCanBeAttachedAgain() {
        fixture.given(registered(2), new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE), new EnvironmentDetached(EU_1, NOTEBOOK))
                .when(new AttachEnvironment(EU_1, NOTEBOOK, ACME, NAMESPACE))
                .expectEvents(new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE));
    }

    private static ClusterRegistered registered(int maxAccounts) {
        return new ClusterRegistered(EU_1, "EU 1", "https://k8s.eu-1.test", "secret/eu-1", maxAccounts, 60,
                REGISTERED_AT);
    }

    private static ClusterDeregistered deregistered() {
        return new ClusterDeregistered(EU_1, DEREGISTERED_AT);
    }
}
