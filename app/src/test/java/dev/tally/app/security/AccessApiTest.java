package dev.tally.app.security;

import dev.tally.app.support.Api;
import dev.tally.app.support.OidcIssuer;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, by behaviour: API keys admins create with a role (shown once, stored hashed, revocable), and users
 * signing in through an OpenID Connect issuer, linked to their accounts by subject or e-mail.
 */
class AccessApiTest {

    @TempDir
    static Path dataDir;

    private static OidcIssuer oidc;
    private static RunningTally tally;
    private static Api admin;

    @BeforeAll
    static void start() {
        oidc = OidcIssuer.start();
        tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false",
                "tally.oidc.issuer-uri", oidc.issuerUri()));
        admin = tally.api();
        open("acc-ada", "ada@example.com", "auth0|ada");
        open("acc-bob", "bob@example.com", "auth0|bob");
        open("acc-ada-by-mail", "Ada@Example.com", null);
    }

    @AfterAll
    static void stop() {
        tally.close();
        oidc.close();
    }

    @Test
    void aKeyIsShownOnceListedWithoutItAndRefusedOnceRevoked() {
        Api.Response created = admin.post("/api/v1/admin/api-keys", "{\"name\":\"finance\",\"role\":\"AUDITOR\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.body().path("key").asString();
        String id = created.body().path("id").asString();
        assertThat(key).startsWith("tally_").hasSizeGreaterThan(40);

        JsonNode listed = admin.get("/api/v1/admin/api-keys").body();
        JsonNode finance = listed.valueStream().filter(entry -> entry.path("id").asString().equals(id))
                .findFirst().orElseThrow();
        assertThat(finance.path("role").asString()).isEqualTo("AUDITOR");
        assertThat(finance.path("createdBy").asString()).isEqualTo("admin");
        assertThat(listed.toString()).doesNotContain(key);
        assertThat(tally.bean(org.jooq.DSLContext.class).fetch("SELECT key_digest FROM api_key").toString())
                .doesNotContain(key.substring("tally_".length()));

        Api auditor = admin.withKey(key);
        assertThat(auditor.get("/api/v1/accounts/acc-ada/balance").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/me").body().path("roles").toString()).isEqualTo("[\"AUDITOR\"]");

        assertThat(admin.delete("/api/v1/admin/api-keys/" + id).status()).isEqualTo(204);
        Api.Response revoked = auditor.get("/api/v1/accounts/acc-ada/balance");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body().path("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(admin.delete("/api/v1/admin/api-keys/" + id).status()).isEqualTo(404);
    }

    @Test
    void anAuditorsCommandIsForbiddenAndACollectorOnlyPushesScrapes() {
        Api auditor = admin.withKey(key("AUDITOR"));
        Api collector = admin.withKey(key("COLLECTOR"));

        Api.Response command = auditor.post("/api/v1/accounts/acc-ada/suspend", null);
        assertThat(command.status()).isEqualTo(403);
        assertThat(command.body().path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(auditor.post("/api/v1/audit/verify", "{\"accountId\":\"acc-ada\"}").status()).isEqualTo(200);

        assertThat(collector.get("/api/v1/accounts/acc-ada/balance").status()).isEqualTo(403);
        assertThat(collector.post("/api/v1/accounts/acc-ada/credit-grants", "{}").status()).isEqualTo(403);
        Api.Response scrape = collector.post("/api/v1/clusters/no-such-cluster/scrapes", """
                {"scrapeId":"s1","takenAt":"2026-01-01T00:00:00Z","pods":[]}""");
        assertThat(scrape.status()).as("past security: the cluster is unknown").isEqualTo(404);
    }

    @Test
    void aKeyNeedsANameAndAnApiKeyRole() {
        Api.Response invalid = admin.post("/api/v1/admin/api-keys", "{\"name\":\" \",\"role\":\"USER\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.fieldsAtFault()).containsExactlyInAnyOrder("name", "role");
    }

    @Test
    void aUserReadsAndBuysForItsOwnAccountsOnly() {
        Api ada = admin.withKey(oidc.token("auth0|ada", "ada@example.com"));

        assertThat(ada.get("/api/v1/accounts/acc-ada/balance").status()).isEqualTo(200);
        assertThat(ada.get("/api/v1/accounts/acc-ada-by-mail").status()).as("linked by e-mail").isEqualTo(200);
        assertThat(admin.withKey(oidc.tokenWithUnverifiedEmail("auth0|mallory", "ada@example.com"))
                .get("/api/v1/accounts/acc-ada-by-mail").status()).as("not by an unverified address").isEqualTo(403);
        Api.Response another = ada.get("/api/v1/accounts/acc-bob/balance");
        assertThat(another.status()).isEqualTo(403);
        assertThat(another.body().path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(ada.get("/api/v1/accounts/acc-nobody/balance").status()).as("no hint of what exists")
                .isEqualTo(403);
        assertThat(ada.get("/api/v1/accounts").status()).isEqualTo(403);
        assertThat(ada.post("/api/v1/accounts/acc-ada/suspend", null).status()).isEqualTo(403);

        Api.Response purchase = ada.post("/api/v1/accounts/acc-ada/credit-purchases",
                "{\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}");
        assertThat(purchase.status()).as("past security: Stripe is not configured here").isEqualTo(503);
        assertThat(ada.post("/api/v1/accounts/acc-bob/credit-purchases",
                "{\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}").status()).isEqualTo(403);

        JsonNode me = ada.get("/api/v1/me").body();
        assertThat(me.path("caller").asString()).isEqualTo("auth0|ada");
        assertThat(me.path("accounts").valueStream().map(account -> account.path("id").asString()))
                .containsExactly("acc-ada", "acc-ada-by-mail");
    }

    @Test
    void onlyTheIssuersValidTokensAreUsersAndItsKeysAreFetchedOnce() {
        for (int call = 0; call < 3; call++) {
            assertThat(admin.withKey(oidc.token("auth0|bob", null)).get("/api/v1/accounts/acc-bob").status())
                    .isEqualTo(200);
        }
        int fetches = oidc.keyFetches();
        assertThat(admin.withKey(oidc.token("auth0|bob", null)).get("/api/v1/accounts/acc-bob").status())
                .isEqualTo(200);
        assertThat(oidc.keyFetches()).as("the JWKS is cached").isEqualTo(fetches);

        Api.Response expired = admin.withKey(oidc.expiredToken("auth0|bob")).get("/api/v1/accounts/acc-bob");
        Api.Response forged = admin.withKey(oidc.forgedToken("auth0|bob")).get("/api/v1/accounts/acc-bob");
        Api.Response garbage = admin.withKey("not-a-jwt").get("/api/v1/accounts/acc-bob");
        Api.Response wrongKey = admin.withKey("tally_not-a-key").get("/api/v1/accounts/acc-bob");
        for (Api.Response refused : new Api.Response[]{expired, forged, garbage, wrongKey}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body().path("code").asString()).isEqualTo("UNAUTHORIZED");
        }
    }

    private static void open(String id, String email, String subject) {
        assertThat(admin.post("/api/v1/accounts", """
                {"id":"%s","email":"%s","name":"%s","currency":"EUR","billingMode":"PREPAID"%s}"""
                .formatted(id, email, id, subject == null ? "" : ",\"subject\":\"" + subject + "\"")).status())
                .isEqualTo(201);
        org.awaitility.Awaitility.await().until(() -> admin.get("/api/v1/accounts/" + id).status() == 200);
    }

    private static String key(String role) {
        return admin.post("/api/v1/admin/api-keys", "{\"name\":\"" + role.toLowerCase() + "\",\"role\":\"" + role
                + "\"}").body().path("key").asString();
    }
}
