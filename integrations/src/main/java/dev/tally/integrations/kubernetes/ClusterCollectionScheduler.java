package dev.tally.integrations.kubernetes;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a cluster's collection when it is registered and stops it when it is deregistered. A side effect, so it
 * is never replayed; a redelivered event changes nothing (schedule if not there, cancel if there). On its first
 * start the processor reads the event store from the beginning, which schedules the clusters registered before it.
 * The schedule is written through the scheduler's transaction-aware data source, in the transaction that
 * advances this processor's token.
 */
@Component
@ProcessingGroup(ClusterCollectionScheduler.PROCESSING_GROUP)
@DisallowReplay
public class ClusterCollectionScheduler {

    public static final String PROCESSING_GROUP = "cluster-collection";

    private static final Logger log = LoggerFactory.getLogger(ClusterCollectionScheduler.class);

    private final SchedulerClient scheduler;

    public ClusterCollectionScheduler(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * The first collection is due at registration: it is the baseline the next one measures usage from. A cluster
     * an external collector feeds is not collected here as well.
     */
    @EventHandler
    void on(ClusterRegistered event) {
        if (CredentialsRef.isExternal(event.credentialsRef())) {
            log.info("Cluster {} is fed by an external collector: the built-in collector leaves it alone",
                    event.clusterId());
            return;
        }
        boolean scheduled = scheduler.scheduleIfNotExists(ClusterCollectionTask.TASK
                .instance(event.clusterId().value())
                .data(CollectionState.healthy())
                .scheduledTo(event.registeredAt()));
        if (scheduled) {
            log.info("Cluster {} will be collected every {} s", event.clusterId(), event.scrapeIntervalSeconds());
        }
    }

    @EventHandler
    void on(ClusterDeregistered event) {
        try {
            scheduler.cancel(ClusterCollectionTask.TASK.instanceId(event.clusterId().value()));
        } catch (TaskInstanceNotFoundException alreadyGone) {
            // Redelivered, or cancelled before: nothing left to stop.
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // The run in progress reschedules itself; the next one finds the cluster deregistered and stops.
            log.debug("Cluster {} is being collected; its collection stops at its next run", event.clusterId());
        }
    }
}
