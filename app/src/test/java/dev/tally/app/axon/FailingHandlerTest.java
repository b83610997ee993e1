package dev.tally.app.axon;

import dev.tally.api.credits.CreditsGranted;
import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** A projection whose handler fails stops at that event and reports it; it never logs the event and moves on. */
class FailingHandlerTest {

    /** A read model that fails on the grant noted "poison" for as long as {@link #FAILING} is set. */
    @ProcessingGroup("failure-probe")
    public static class FailureProbe {

        static final AtomicBoolean FAILING = new AtomicBoolean(true);
        static final List<String> HANDLED = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(CreditsGranted event) {
            if (FAILING.get() && "poison".equals(event.note())) {
                throw new IllegalStateException("the probe's store is down");
            }
            HANDLED.add(event.grantId());
        }
    }

    @TempDir
    Path dataDir;

    @Test
    void aFailingSegmentStopsAtItsEventIsReportedAndResumesThere() {
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of(), FailureProbe.class)) {
            Api api = tally.api();
            api.post("/api/v1/accounts", """
                    {"id":"probe","email":"p@example.com","name":"Probe","currency":"EUR","billingMode":"PREPAID"}""");
            api.post("/api/v1/accounts/probe/credit-grants", "{\"grantId\":\"first\",\"kind\":\"ADMIN\",\"amount\":"
                    + money("1.00", "EUR") + ",\"note\":\"poison\"}");
            api.post("/api/v1/accounts/probe/credit-grants", "{\"grantId\":\"second\",\"kind\":\"ADMIN\",\"amount\":"
                    + money("2.00", "EUR") + "}");

            await().until(() -> {
                var processors = api.get("/actuator/health").body().path("components").path("eventProcessors");
                return "DOWN".equals(processors.path("status").asString())
                        && processors.path("details").path("failure-probe").toString().contains("FAILED");
            });
            assertThat(api.get("/actuator/health").status()).isEqualTo(503);
            assertThat(FailureProbe.HANDLED).isEmpty();

            FailureProbe.FAILING.set(false);

            await().until(() -> FailureProbe.HANDLED.size() == 2);
            assertThat(FailureProbe.HANDLED).containsExactly("first", "second");
            await().until(() -> "UP".equals(api.get("/actuator/health").body().path("status").asString()));
        }
    }

    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100));
    }
}
