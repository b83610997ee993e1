package dev.tally.integrations.kubernetes;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tally.api.ClusterId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable schedule of cluster collections: one db-scheduler execution per active cluster (instance id = the
 * cluster id), which reschedules itself after every run.
 *
 * <p>A self-rescheduling task rather than {@code recurringWithPersistentSchedule}: a fixed schedule cannot stretch
 * its delay while a cluster is down, nor remember the failure streak that decides whether to warn. Here the next
 * run time and the streak ({@link CollectionState}) are written with the execution's row, atomically, by whichever
 * node ran it. The run never throws for a failed collection (db-scheduler would log a stack trace every time and
 * retry on its own timetable); it only reports what should happen next.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterCollectionTask {

    public static final TaskDescriptor<CollectionState> TASK =
            TaskDescriptor.of("cluster-collection", CollectionState.class);

    /**
     * The job is looked up when a run starts, not when the task is built: the engine's Scheduler is built from
     * every task bean, and the job's command gateway must not have to exist before the Scheduler does.
     */
    @Bean
    Task<CollectionState> clusterCollection(ObjectProvider<ClusterCollectionJob> job) {
        return Tasks.custom(TASK).execute((instance, context) -> completion(
                job.getObject().run(ClusterId.of(instance.getId()), instance.getData())));
    }

    static CompletionHandler<CollectionState> completion(ClusterCollectionJob.Next next) {
        return (complete, operations) -> {
            switch (next) {
                case ClusterCollectionJob.Next.RunAgain again ->
                        operations.reschedule(complete, complete.getTimeDone().plus(again.after()), again.state());
                case ClusterCollectionJob.Next.Stop stop -> operations.remove();
            }
        };
    }
}
