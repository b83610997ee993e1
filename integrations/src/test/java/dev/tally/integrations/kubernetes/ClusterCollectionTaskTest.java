package dev.tally.integrations.kubernetes;

import com.github.kagkarlsson.scheduler.serializer.JavaSerializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.tally.api.ClusterId;
import dev.tally.integrations.kubernetes.ClusterCollectionJob.Next;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

class ClusterCollectionTaskTest {

    private static final Instant DONE = Instant.parse("2024-05-01T09:15:02Z");

    @SuppressWarnings("unchecked")
    private final ExecutionOperations<CollectionState> operations = mock(ExecutionOperations.class);
    private final ExecutionComplete complete = ExecutionComplete.simulatedSuccess(DONE);

    @Test
    void runsTheJobOfTheClusterItsInstanceIsNamedFor() {
        ClusterCollectionJob job = mock(ClusterCollectionJob.class);
        when(job.run(ClusterId.of("c1"), new CollectionState(2)))
                .thenReturn(new Next.RunAgain(Duration.ofMinutes(8), new CollectionState(3)));
        @SuppressWarnings("unchecked")
        ObjectProvider<ClusterCollectionJob> jobs = mock(ObjectProvider.class);
        when(jobs.getObject()).thenReturn(job);
        Task<CollectionState> task = new ClusterCollectionTask().clusterCollection(jobs);

        task.execute(new TaskInstance<>("cluster-collection", "c1", new CollectionState(2)), null)
                .complete(complete, operations);

        assertThat(task.getName()).isEqualTo("cluster-collection");
        verify(operations).reschedule(complete, DONE.plus(Duration.ofMinutes(8)), new CollectionState(3));
        verifyNoMoreInteractions(operations);
    }

    @Test
    void removesTheExecutionWhenTheClusterIsGone() {
        ClusterCollectionTask.completion(new Next.Stop()).complete(complete, operations);

        verify(operations).remove();
        verifyNoMoreInteractions(operations);
    }

    @Test
    void theFailureStreakSurvivesTheSchedulersSerialization() {
        JavaSerializer serializer = new JavaSerializer();

        assertThat(serializer.deserialize(CollectionState.class, serializer.serialize(new CollectionState(3))))
                .isEqualTo(new CollectionState(3));
    }
}
