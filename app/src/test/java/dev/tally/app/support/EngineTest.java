package dev.tally.app.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

/**
 * A test against one running engine on a real PostgreSQL, shared by every subclass (one Spring context), so each
 * test works on accounts of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EngineTest {

    /** Requests a minute, per caller, that tests never reach (RateLimitApiTest sets its own). */
    public static final String TEST_RATE_LIMIT = "1000000";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Database database = TestDatabase.create();
        registry.add("tally.database.url", database::url);
        registry.add("tally.database.user", database::user);
        registry.add("tally.database.password", database::password);
        registry.add("tally.admin-api-key", () -> Api.ADMIN_KEY);
        // Every test class shares this engine and polls it: the limits stay on, out of the tests' way.
        registry.add("tally.rate-limit.requests-per-minute", () -> TEST_RATE_LIMIT);
        registry.add("tally.rate-limit.anonymous-requests-per-minute", () -> TEST_RATE_LIMIT);
        try {
            registry.add("tally.data-dir", Files.createTempDirectory("tally-test-")::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Api api() {
        return new Api(port);
    }

    protected static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Read models are updated asynchronously: wait for a condition, never for a fixed time. */
    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }
}
