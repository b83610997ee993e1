package dev.tally.app.security;

import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits as a client meets them: five requests a minute for the admin key, three per IP without credentials.
 * The admin key and the anonymous caller are the two callers there are today. Each test has an engine of its own,
 * so its windows start empty; a window lasts a minute from a caller's first request, far longer than a test.
 */
class RateLimitApiTest {

    @TempDir
    Path dataDir;

    private RunningTally tally;

    @BeforeEach
    void start() {
        tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of(
                "tally.rate-limit.requests-per-minute", "5",
                "tally.rate-limit.anonymous-requests-per-minute", "3",
                "tally.demo", "false"));
    }

    @AfterEach
    void stop() {
        tally.close();
    }

    @Test
    void theAdminKeysSixthRequestInAMinuteIsRateLimitedAndEveryResponseCountsDown() {
        Api admin = tally.api();
        long before = Instant.now().getEpochSecond();

        Api.Response created = admin.post("/api/v1/accounts", """
                {"id":"limited","email":"l@example.com","name":"Limited","currency":"EUR","billingMode":"PREPAID"}""");
        assertThat(created.status()).isEqualTo(201);
        assertLimit(created, 5, 4);
        long reset = Long.parseLong(created.header("X-RateLimit-Reset"));
        assertThat(reset).as("epoch seconds, a minute after the first request").isBetween(before + 60, before + 62);

        Api.Response notFound = admin.get("/api/v1/accounts/no-such-account");
        assertThat(notFound.status()).isEqualTo(404);
        assertLimit(notFound, 5, 3);

        Api.Response invalid = admin.post("/api/v1/accounts", "{\"currency\":\"EURO\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertLimit(invalid, 5, 2);

        Api.Response conflict = admin.post("/api/v1/accounts", """
                {"id":"limited","email":"l@example.com","name":"Limited","currency":"EUR","billingMode":"PREPAID"}""");
        assertThat(conflict.status()).isEqualTo(409);
        assertLimit(conflict, 5, 1);

        Api.Response last = admin.get("/api/v1/accounts");
        assertThat(last.status()).isEqualTo(200);
        assertLimit(last, 5, 0);

        Api.Response limited = admin.get("/api/v1/accounts");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.body().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(limited.body().path("status").asInt()).isEqualTo(429);
        assertLimit(limited, 5, 0);
        assertThat(Long.parseLong(limited.header("X-RateLimit-Reset"))).isEqualTo(reset);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        Api.Response anonymous = admin.withKey(null).get("/api/v1/accounts");
        assertThat(anonymous.status()).as("the admin's limit is not the anonymous caller's").isEqualTo(401);
        assertThat(anonymous.header("X-RateLimit-Limit")).isEqualTo("3");

        Api.Response health = admin.get("/actuator/health");
        assertThat(health.status()).as("health is never limited").isEqualTo(200);
        assertThat(health.header("X-RateLimit-Limit")).isNull();
    }

    @Test
    void callsWithoutCredentialsAreLimitedPerIpApartFromTheAdminKey() {
        Api anonymous = tally.api().withKey(null);

        Api.Response unauthorized = anonymous.get("/api/v1/accounts");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertLimit(unauthorized, 3, 2);

        Api.Response webhook = anonymous.post("/api/v1/webhooks/stripe", "{}", Map.of("Stripe-Signature", "t=1,v1=0"));
        assertThat(webhook.status()).isNotEqualTo(429);
        assertLimit(webhook, 3, 1);

        assertLimit(anonymous.get("/api/v1/accounts"), 3, 0);

        Api.Response limited = anonymous.get("/api/v1/accounts");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertLimit(limited, 3, 0);

        Api.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).as("probes answer however often they ask").isEqualTo(200);

        Api.Response admin = tally.api().get("/api/v1/accounts");
        assertThat(admin.status()).as("the anonymous caller's limit is not the admin's").isNotEqualTo(429);
        assertThat(admin.header("X-RateLimit-Limit")).isEqualTo("5");
    }

    private static void assertLimit(Api.Response response, int limit, int remaining) {
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(limit));
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
        assertThat(response.header("X-RateLimit-Reset")).isNotNull();
    }
}
