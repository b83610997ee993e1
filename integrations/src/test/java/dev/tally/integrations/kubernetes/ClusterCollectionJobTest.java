package dev.tally.integrations.kubernetes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.metering.ScrapeResult;
import dev.tally.integrations.kubernetes.ClusterCollectionJob.Next;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ClusterCollectionJobTest {

    private static final ClusterId C1 = ClusterId.of("c1");
    private static final ClusterTarget CLUSTER = new ClusterTarget(C1, "http://127.0.0.1:1", null, 60, true);
    private static final DomainException DOWN = new DomainException(ErrorCode.UNAVAILABLE,
            "cluster c1 at http://127.0.0.1:1 cannot be scraped: could not connect: Connection refused");

    private final ClusterDirectory clusters = mock(ClusterDirectory.class);
    private final ClusterCollector collector = mock(ClusterCollector.class);
    private final ClusterCollectionJob job = new ClusterCollectionJob(clusters, collector);

    private final Logger logger = (Logger) LoggerFactory.getLogger(ClusterCollectionJob.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    @Test
    void anUnreachableClusterIsRetriedWithBackoffAndWarnedAboutOncePerStreak() {
        when(clusters.find(C1)).thenReturn(Optional.of(CLUSTER));
        when(collector.collect(CLUSTER))
                .thenThrow(DOWN, DOWN, DOWN)
                .thenReturn(new ScrapeResult("c1-1", Instant.EPOCH, 0, 0, 0, false, false))
                .thenThrow(DOWN);

        List<Duration> delays = new ArrayList<>();
        CollectionState state = CollectionState.healthy();
        for (int run = 0; run < 5; run++) {
            Next.RunAgain next = (Next.RunAgain) job.run(C1, state);
            delays.add(next.after());
            state = next.state();
        }

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(120L, 240L, 480L, 60L, 120L);
        String warning = "Cluster collection failed: " + DOWN.getMessage() + "; retrying in 2m, backing off up to "
                + "every 10m, with no further warning until it succeeds";
        assertThat(logged(Level.WARN)).containsExactly(warning, warning);
        assertThat(logged(Level.INFO)).containsExactly("Cluster c1 collected again after 3 failed attempts");
        assertThat(log.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        assertThat(state).isEqualTo(new CollectionState(1));
    }

    @Test
    void anUnexpectedFailureIsWarnedAboutByItsCause() {
        when(clusters.find(C1)).thenReturn(Optional.of(CLUSTER));
        when(collector.collect(CLUSTER)).thenThrow(new IllegalStateException("command bus is shutting down"));

        Next next = job.run(C1, CollectionState.healthy());

        assertThat(next).isEqualTo(new Next.RunAgain(Duration.ofMinutes(2), new CollectionState(1)));
        assertThat(logged(Level.WARN)).singleElement().asString()
                .startsWith("Cluster collection failed: cluster c1: command bus is shutting down; retrying in 2m");
    }

    @Test
    void aClusterNotYetInTheReadModelIsLookedForAgainSoon() {
        when(clusters.find(C1)).thenReturn(Optional.empty());

        Next next = job.run(C1, new CollectionState(2));

        assertThat(next).isEqualTo(new Next.RunAgain(Duration.ofSeconds(10), new CollectionState(2)));
        verifyNoInteractions(collector);
    }

    @Test
    void aDeregisteredClusterStopsItsCollection() {
        when(clusters.find(C1)).thenReturn(Optional.of(new ClusterTarget(C1, "http://127.0.0.1:1", null, 60, false)));

        assertThat(job.run(C1, CollectionState.healthy())).isEqualTo(new Next.Stop());
        verifyNoInteractions(collector);
    }

    @Test
    void aClusterAnExternalCollectorFeedsStopsItsCollection() {
        when(clusters.find(C1)).thenReturn(Optional.of(new ClusterTarget(C1, "https://edge.example", "external", 60,
                true)));

        assertThat(job.run(C1, CollectionState.healthy())).isEqualTo(new Next.Stop());
        verifyNoInteractions(collector);
    }

    private List<String> logged(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
