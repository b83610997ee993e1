package dev.tally.domain.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.EnvironmentId;
import dev.tally.api.account.AccountClusterAssigned;
import dev.tally.api.cluster.AssignAccountToCluster;
import dev.tally.api.cluster.AttachEnvironment;
import dev.tally.api.cluster.DetachEnvironment;
import dev.tally.api.cluster.ReleaseAccountFromCluster;
import dev.tally.api.environment.EnvironmentDeleted;
import dev.tally.api.environment.EnvironmentRegistered;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

class ClusterRelayTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final ClusterId EU_2 = ClusterId.of("eu-2");
    private static final EnvironmentId NOTEBOOK = EnvironmentId.of("notebook");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final ClusterRelay relay = new ClusterRelay(commandGateway);

    @Test
    void firstClusterAssignmentTakesAPlaceOnTheCluster() {
        relay.on(new AccountClusterAssigned(ACME, EU_1, null));

        verify(commandGateway).sendAndWait(new AssignAccountToCluster(EU_1, ACME));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void movedAccountTakesItsNewPlaceBeforeLeavingThePreviousCluster() {
        relay.on(new AccountClusterAssigned(ACME, EU_2, EU_1));

        InOrder order = inOrder(commandGateway);
        order.verify(commandGateway).sendAndWait(new AssignAccountToCluster(EU_2, ACME));
        order.verify(commandGateway).sendAndWait(new ReleaseAccountFromCluster(EU_1, ACME));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void accountRefusedByFullClusterKeepsItsPreviousPlace() {
        when(commandGateway.sendAndWait(new AssignAccountToCluster(EU_2, ACME)))
                .thenThrow(DomainException.conflict("cluster eu-2 is full"));

        assertThatThrownBy(() -> relay.on(new AccountClusterAssigned(ACME, EU_2, EU_1)))
                .isInstanceOf(DomainException.class);
        verify(commandGateway, never()).sendAndWait(any(ReleaseAccountFromCluster.class));
    }

    @Test
    void registeredEnvironmentIsAttachedToItsCluster() {
        relay.on(new EnvironmentRegistered(NOTEBOOK, ACME, EU_1, "Notebook", "acme-ns", "pro", 480, AT));

        verify(commandGateway).sendAndWait(new AttachEnvironment(EU_1, NOTEBOOK, ACME, "acme-ns"));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void deletedEnvironmentIsDetachedFromItsCluster() {
        relay.on(new EnvironmentDeleted(NOTEBOOK, ACME, EU_1, AT));

        verify(commandGateway).sendAndWait(new DetachEnvironment(EU_1, NOTEBOOK));
        verifyNoMoreInteractions(commandGateway);
    }
}
