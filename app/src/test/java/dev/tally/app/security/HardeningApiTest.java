package dev.tally.app.security;

import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's hardening: security headers, a body size limit, strict JSON, CORS for the configured dashboards only,
 * and every admin command recorded with who, what and when.
 */
class HardeningApiTest {

    private static final String DASHBOARD = "https://dashboard.example";

    @TempDir
    static Path dataDir;

    private static RunningTally tally;
    private static Api admin;

    @BeforeAll
    static void start() {
        tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false",
                "tally.http.max-body-size", "2KB", "tally.http.cors-allowed-origins", DASHBOARD));
        admin = tally.api();
    }

    @AfterAll
    static void stop() {
        tally.close();
    }

    @Test
    void responsesCarrySecurityHeaders() {
        Api.Response response = admin.get("/api/v1/accounts");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndNothingIsStored() {
        String name = "x".repeat(3_000);
        Api.Response tooLarge = admin.post("/api/v1/accounts", """
                {"id":"acc-large","email":"l@example.com","name":"%s","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted(name));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(admin.get("/api/v1/accounts/acc-large").status()).isEqualTo(404);
    }

    @Test
    void aChunkedBodyRunningPastTheLimitIsRefusedToo() throws Exception {
        byte[] body = """
                {"id":"acc-chunked","email":"c@example.com","name":"%s","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted("x".repeat(3_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(tally.baseUrl() + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("PAYLOAD_TOO_LARGE");
        assertThat(admin.get("/api/v1/accounts/acc-chunked").status()).isEqualTo(404);
    }

    @Test
    void aCommandWithAnUnknownFieldIsRefusedNamingIt() {
        Api.Response unknown = admin.post("/api/v1/accounts", """
                {"id":"acc-strict","email":"s@example.com","name":"Strict","currency":"EUR","billingMode":"PREPAID",
                 "isAdmin":true}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fieldsAtFault()).containsExactly("isAdmin");
    }

    @Test
    void onlyTheConfiguredDashboardMayCallFromABrowser() throws Exception {
        HttpResponse<String> allowed = preflight(DASHBOARD);
        HttpResponse<String> other = preflight("https://evil.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        Api.Response read = admin.post("/api/v1/accounts/none/suspend", null, Map.of("Origin", DASHBOARD));
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
        assertThat(read.header("Access-Control-Expose-Headers")).contains("X-RateLimit-Remaining");
    }

    @Test
    void everyAcceptedAdminCommandIsRecordedWithWhoWhatAndWhen() {
        String adminKey = admin.post("/api/v1/admin/api-keys", "{\"name\":\"ops\",\"role\":\"ADMIN\"}").body()
                .path("key").asString();
        String auditorKey = admin.post("/api/v1/admin/api-keys", "{\"name\":\"books\",\"role\":\"AUDITOR\"}").body()
                .path("key").asString();
        String opsId = admin.get("/api/v1/admin/api-keys").body().valueStream()
                .filter(key -> key.path("name").asString().equals("ops")).findFirst().orElseThrow()
                .path("id").asString();
        Api ops = admin.withKey(adminKey);
        assertThat(ops.post("/api/v1/accounts", """
                {"id":"acc-logged","email":"o@example.com","name":"Logged","currency":"EUR","billingMode":"PREPAID"}""")
                .status()).isEqualTo(201);
        assertThat(admin.withKey(auditorKey).post("/api/v1/accounts/acc-logged/suspend", null).status())
                .isEqualTo(403);
        assertThat(ops.post("/api/v1/accounts/acc-logged/credit-grants", "{}").status()).isEqualTo(400);
        ops.get("/api/v1/accounts");

        Awaitility.await().until(() -> paths(activity()).contains("POST /api/v1/accounts by key:" + opsId + " 201"));
        List<String> recorded = paths(activity());
        assertThat(recorded).contains("POST /api/v1/admin/api-keys by admin 201")
                .noneMatch(entry -> entry.contains("suspend") || entry.contains("credit-grants")
                        || entry.startsWith("GET"));
        assertThat(activity().path("items").get(0).path("at").asString()).isNotEmpty();
        assertThat(admin.withKey(auditorKey).get("/api/v1/admin/activity").status()).isEqualTo(200);
    }

    private static JsonNode activity() {
        return admin.get("/api/v1/admin/activity?size=100").body();
    }

    private static List<String> paths(JsonNode activity) {
        return activity.path("items").valueStream().map(entry -> entry.path("method").asString() + " "
                + entry.path("path").asString() + " by " + entry.path("actor").asString() + " "
                + entry.path("status").asInt()).toList();
    }

    private static HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tally.baseUrl()
                        + "/api/v1/accounts"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
