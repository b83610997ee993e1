package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One scheduled collection of a cluster, and what the schedule should do next. A failing cluster is retried with
 * {@link CollectionBackoff} and reported once per failure streak, in one line without a stack trace: a cluster
 * that is down for a day must not fill the log, and its recovery is worth a line too.
 */
@Component
class ClusterCollectionJob {

    private static final Logger log = LoggerFactory.getLogger(ClusterCollectionJob.class);

    /** A cluster the read model does not have yet (registered a moment ago, or being rebuilt) is looked for again. */
    static final Duration NOT_YET_KNOWN_RETRY = Duration.ofSeconds(10);

    /** What the schedule does after a run. */
    sealed interface Next {

        record RunAgain(Duration after, CollectionState state) implements Next {
        }

        record Stop() implements Next {
        }
    }

    private final ClusterDirectory clusters;
    private final ClusterCollector collector;

    ClusterCollectionJob(ClusterDirectory clusters, ClusterCollector collector) {
        this.clusters = clusters;
        this.collector = collector;
    }

    Next run(ClusterId clusterId, CollectionState state) {
        Optional<ClusterTarget> found = clusters.find(clusterId);
        if (found.isEmpty()) {
            log.debug("Cluster {} is not in the read model yet; looking again in {}", clusterId,
                    human(NOT_YET_KNOWN_RETRY));
            return new Next.RunAgain(NOT_YET_KNOWN_RETRY, state);
        }
        ClusterTarget cluster = found.get();
        if (!cluster.active()) {
            log.info("Cluster {} is deregistered: its collection stops", clusterId);
            return new Next.Stop();
        }
        if (CredentialsRef.isExternal(cluster.credentialsRef())) {
            return new Next.Stop();
        }
        var backoff = new CollectionBackoff(Duration.ofSeconds(Math.max(1, cluster.scrapeIntervalSeconds())));
        try {
            collector.collect(cluster);
        } catch (RuntimeException e) {
            CollectionState failed = state.failedAgain();
            Duration delay = backoff.delayAfter(failed.consecutiveFailures());
            if (failed.startsStreak()) {
                log.warn("Cluster collection failed: {}; retrying in {}, backing off up to every {}, with no further "
                        + "warning until it succeeds", reason(clusterId, e), human(delay), human(backoff.longest()));
            } else {
                log.debug("Cluster {} failed {} times in a row; next try in {}: {}", clusterId,
                        failed.consecutiveFailures(), human(delay), reason(clusterId, e));
            }
            if (!(e instanceof DomainException)) {
                log.debug("Cluster {} collection failure in full", clusterId, e);
            }
            return new Next.RunAgain(delay, failed);
        }
        if (state.failing()) {
            log.info("Cluster {} collected again after {} failed attempts", clusterId, state.consecutiveFailures());
        }
        return new Next.RunAgain(backoff.delayAfter(0), CollectionState.healthy());
    }

    /** A refusal already reads well; anything else is named by its cause. */
    private static String reason(ClusterId clusterId, RuntimeException e) {
        return e instanceof DomainException ? e.getMessage()
                : "cluster " + clusterId + ": " + ConnectionErrors.describe(e);
    }

    /** PT2M as "2m", PT1H30M as "1h30m". */
    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
