package dev.tally.app.metering;

import dev.tally.app.support.Api;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TALLY_DEMO follows the engine's clock: a day on the test clock is a day of demo scrapes. */
class DemoClusterTest {

    @TempDir
    Path dataDir;

    @Test
    void advancingTheTestClockByADayProducesThatDaysScrapes() {
        Map<String, String> settings = Map.of(
                "tally.demo", "true",
                "tally.test-clock.enabled", "true",
                "tally.test-clock.start", "2026-03-01T00:00:00Z");
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, settings)) {
            EventStoreRows events = new EventStoreRows(tally.bean(DataSource.class));
            // On start: a baseline a minute back, and a scrape now.
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.of("demo/cluster", "ScrapeRecorded") == 2);

            Api.Response day = tally.api().post("/api/v1/admin/test-clock", "{\"advanceBy\":\"P1D\"}");

            assertThat(day.status()).isEqualTo(200);
            // Every minute of the day, less the collector's daily outage from 03:00 to 03:20.
            assertThat(events.of("demo/cluster", "ScrapeRecorded")).isEqualTo(2 + 24 * 60 - 20);
            assertThat(events.of("demo/cluster", "ScrapeGapDetected")).isOne();
            assertThat(events.of("demo/cluster", "UnattributedUsageMeasured")).isPositive();
            assertThat(events.of("demo/cluster", "UsageMeasured")).isPositive();
        }
    }
}
