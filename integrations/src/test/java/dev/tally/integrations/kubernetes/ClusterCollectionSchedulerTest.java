package dev.tally.integrations.kubernetes;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.tally.api.ClusterId;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class ClusterCollectionSchedulerTest {

    private static final ClusterId C1 = ClusterId.of("c1");
    private static final Instant REGISTERED = Instant.parse("2024-05-01T09:00:00Z");

    private final SchedulerClient scheduler = mock(SchedulerClient.class);
    private final ClusterCollectionScheduler handler = new ClusterCollectionScheduler(scheduler);

    @Test
    void aRegisteredClusterIsCollectedFromItsRegistrationOn() {
        handler.on(new ClusterRegistered(C1, "gpu-cluster", "https://k8s.example:6443", "in-cluster", 10, 900,
                REGISTERED));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<SchedulableInstance<CollectionState>> scheduled = ArgumentCaptor.forClass(
                SchedulableInstance.class);
        verify(scheduler).scheduleIfNotExists(scheduled.capture());
        SchedulableInstance<CollectionState> instance = scheduled.getValue();
        assertThat(instance.getTaskName()).isEqualTo("cluster-collection");
        assertThat(instance.getId()).isEqualTo("c1");
        assertThat(instance.getTaskInstance().getData()).isEqualTo(CollectionState.healthy());
        assertThat(instance.getNextExecutionTime(REGISTERED.plusSeconds(5))).isEqualTo(REGISTERED);
    }

    @Test
    void aClusterAnExternalCollectorFeedsIsNotCollectedHereToo() {
        handler.on(new ClusterRegistered(C1, "edge", "https://edge.example:6443", "external", 10, 900, REGISTERED));

        verifyNoInteractions(scheduler);
    }

    @Test
    void aDeregisteredClusterIsNoLongerCollected() {
        handler.on(new ClusterDeregistered(C1, REGISTERED.plusSeconds(3600)));

        ArgumentCaptor<TaskInstanceId> cancelled = ArgumentCaptor.forClass(TaskInstanceId.class);
        verify(scheduler).cancel(cancelled.capture());
        assertThat(cancelled.getValue()).isEqualTo(TaskInstanceId.of("cluster-collection", "c1"));
    }

    @Test
    void stoppingWhatIsGoneOrRunningIsNotAnError() {
        doThrow(new TaskInstanceNotFoundException("cluster-collection", "c1"))
                .doThrow(new TaskInstanceCurrentlyExecutingException("cluster-collection", "c1"))
                .when(scheduler).cancel(any());

        assertThatCode(() -> handler.on(new ClusterDeregistered(C1, REGISTERED))).doesNotThrowAnyException();
        assertThatCode(() -> handler.on(new ClusterDeregistered(C1, REGISTERED))).doesNotThrowAnyException();
    }

    @Test
    void isASideEffectThatAReplayNeverRepeats() {
        assertThat(new AnnotationEventHandlerAdapter(handler).supportsReset()).isFalse();
        assertThat(ClusterCollectionScheduler.class.getAnnotation(ProcessingGroup.class).value())
                .isEqualTo("cluster-collection");
    }
}
