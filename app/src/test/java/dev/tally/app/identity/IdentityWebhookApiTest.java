package dev.tally.app.identity;

import dev.tally.app.support.Api;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.identity.IdentitySigner;
import dev.tally.integrations.identity.IdentitySignIns;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's post-login webhook over HTTP, signed as the README's Auth0 action signs it and sent without
 * an API key. One engine of its own serves the class, so the clusters it fills are the only ones there are; only
 * {@link #aFirstSignInOpensTheAccountOnAClusterWithRoom} registers clusters.
 */
class IdentityWebhookApiTest {

    private static final String SECRET = "idp_5b9e2c7a41d84f06a3e8c1b7d2f09e64";
    private static final String WEBHOOK = "/api/v1/webhooks/identity";

    @TempDir
    static Path dataDir;
    private static RunningTally tally;

    private Api api;
    private EventStoreRows rows;

    @BeforeAll
    static void startWithASharedSecret() {
        tally = RunningTally.start(TestDatabase.create(), dataDir,
                Map.of("tally.demo", "false", "tally.identity.webhook-secret", SECRET));
    }

    @AfterAll
    static void stop() {
        tally.close();
    }

    @BeforeEach
    void setUp() {
        api = tally.api();
        rows = new EventStoreRows(tally.bean(DataSource.class));
    }

    /** Read models are updated asynchronously: wait for a condition, never for a fixed time. */
    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }

    private static String subject() {
        return "auth0|" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static String login(String subject, String email, String name) {
        return """
                {"subject":"%s","email":"%s","name":"%s"}""".formatted(subject, email, name);
    }

    /** Sent as the action sends it: signed now, no API key. */
    private Api.Response signIn(String body) {
        return send(body, IdentitySigner.header(SECRET, body, Instant.now()));
    }

    private Api.Response send(String body, String signature) {
        return api.withKey(null).post(WEBHOOK, body,
                signature == null ? Map.of() : Map.of("X-Tally-Signature", signature));
    }

    private static void assertSignedIn(Api.Response response, String accountId, boolean created, String clusterId) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.body().path("accountId").asString()).isEqualTo(accountId);
        assertThat(response.body().path("created").asBoolean()).isEqualTo(created);
        if (clusterId == null) {
            assertThat(response.body().has("clusterId")).isTrue();
            assertThat(response.body().path("clusterId").isNull()).as("clusterId is null").isTrue();
        } else {
            assertThat(response.body().path("clusterId").asString()).isEqualTo(clusterId);
        }
    }

    private void registerCluster(String id, int maxAccounts) {
        assertThat(api.post("/api/v1/clusters", """
                {"id":"%s","name":"%s","apiUrl":"https://%s.example:6443","credentialsRef":"external",
                 "maxAccounts":%d}""".formatted(id, id, id, maxAccounts)).status()).isEqualTo(201);
    }

    private void openAccount(String id, String email) {
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"%s","name":"Opened by an admin","currency":"USD","billingMode":"POSTPAID"}"""
                .formatted(id, email)).status()).isEqualTo(201);
    }

    private void awaitAccountsAssigned(String cluster, int accounts) {
        eventually().untilAsserted(() -> {
            Api.Response read = api.get("/api/v1/clusters/" + cluster);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().path("accountsAssigned").asInt()).isEqualTo(accounts);
        });
    }

    @Test
    void aFirstSignInOpensTheAccountOnAClusterWithRoom() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String full = "full-" + suffix;
        String roomy = "roomy-" + suffix;
        registerCluster(full, 1);
        registerCluster(roomy, 1);
        String filler = "filler-" + suffix;
        openAccount(filler, "filler@lab.example");
        assertThat(api.post("/api/v1/accounts/" + filler + "/cluster-assignment",
                "{\"clusterId\":\"" + full + "\"}").status()).isEqualTo(204);
        // The webhook finds clusters in the read model, which follows the registrations a moment behind.
        awaitAccountsAssigned(full, 1);
        awaitAccountsAssigned(roomy, 0);
        String ada = subject();
        String login = login(ada, "ada@lab.example", "Ada Lovelace");

        Api.Response first = signIn(login);

        String account = IdentitySignIns.accountIdFor(ada).value();
        assertSignedIn(first, account, true, roomy);
        eventually().untilAsserted(() -> {
            Api.Response opened = api.get("/api/v1/accounts/" + account);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.body().path("subject").asString()).isEqualTo(ada);
            assertThat(opened.body().path("email").asString()).isEqualTo("ada@lab.example");
            assertThat(opened.body().path("name").asString()).isEqualTo("Ada Lovelace");
            assertThat(opened.body().path("currency").asString()).isEqualTo("EUR");
            assertThat(opened.body().path("billingMode").asString()).isEqualTo("PREPAID");
        });
        awaitAccountsAssigned(roomy, 1);

        long events = rows.all();
        Api.Response again = signIn(login);

        assertSignedIn(again, account, false, roomy);
        assertThat(rows.all()).as("a repeated sign-in stores nothing").isEqualTo(events);
        assertThat(rows.of(account, "AccountOpened")).isOne();
        assertThat(rows.of(account, "AccountClusterAssigned")).isOne();

        // Every cluster is full: the account is opened all the same, without one, and its next sign-in places it.
        String grace = subject();
        String graceLogin = login(grace, "grace@lab.example", "Grace Hopper");
        String graceAccount = IdentitySignIns.accountIdFor(grace).value();
        assertSignedIn(signIn(graceLogin), graceAccount, true, null);
        assertThat(rows.of(graceAccount, "AccountOpened")).isOne();
        assertThat(rows.of(graceAccount, "AccountClusterAssigned")).isZero();
        eventually().untilAsserted(() -> assertThat(api.get("/api/v1/accounts/" + graceAccount).body()
                .path("subject").asString()).isEqualTo(grace));

        String spare = "spare-" + suffix;
        registerCluster(spare, 5);
        awaitAccountsAssigned(spare, 0);
        assertSignedIn(signIn(graceLogin), graceAccount, false, spare);
        assertThat(rows.of(graceAccount, "AccountOpened")).isOne();
        awaitAccountsAssigned(spare, 1);
    }

    @Test
    void concurrentFirstSignInsOpenOneAccount() throws Exception {
        String lin = subject();
        String login = login(lin, "lin@lab.example", "Lin");
        String account = IdentitySignIns.accountIdFor(lin).value();
        int callers = 4;
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(() -> signIn(login));
        }
        List<Api.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (Future<Api.Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
            assertThat(answer.body().path("accountId").asString()).isEqualTo(account);
        });
        assertThat(answers).filteredOn(answer -> answer.body().path("created").asBoolean()).hasSize(1);
        assertThat(rows.of(account, "AccountOpened")).isOne();
        assertThat(rows.of(account + "/credits", "CreditLedgerOpened")).as("one ledger").isOne();
        assertSignedIn(signIn(login), account, false, answers.getFirst().body().path("clusterId").isNull()
                ? null : answers.getFirst().body().path("clusterId").asString());
    }

    @Test
    void aSignInLinksTheAccountAnAdminOpenedForItsEmail() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String opened = "acc-" + suffix;
        String email = "Ops." + suffix + "@Lab.example";
        openAccount(opened, email);
        eventually().untilAsserted(() -> assertThat(api.get("/api/v1/accounts/" + opened).status()).isEqualTo(200));
        String ops = subject();

        Api.Response linked = signIn(login(ops, email.toLowerCase(), "Ops"));

        assertThat(linked.status()).as("%s", linked.body()).isEqualTo(200);
        assertThat(linked.body().path("accountId").asString()).isEqualTo(opened);
        assertThat(linked.body().path("created").asBoolean()).isFalse();
        assertThat(rows.of(opened, "SubjectLinked")).isOne();
        assertThat(rows.of(IdentitySignIns.accountIdFor(ops).value(), "AccountOpened")).isZero();
        eventually().untilAsserted(() -> {
            Api.Response account = api.get("/api/v1/accounts/" + opened);
            assertThat(account.body().path("subject").asString()).isEqualTo(ops);
            assertThat(account.body().path("currency").asString()).as("the admin's choice stays").isEqualTo("USD");
        });

        // The same person again: the linked account, nothing new.
        Api.Response again = signIn(login(ops, email, "Ops"));
        assertThat(again.body().path("accountId").asString()).isEqualTo(opened);
        assertThat(again.body().path("created").asBoolean()).isFalse();
        assertThat(rows.of(opened, "SubjectLinked")).isOne();

        // Another identity with the same e-mail finds the account taken, and gets one of its own.
        String other = subject();
        Api.Response own = signIn(login(other, email, "Ops elsewhere"));
        assertThat(own.body().path("accountId").asString()).isEqualTo(IdentitySignIns.accountIdFor(other).value());
        assertThat(own.body().path("created").asBoolean()).isTrue();
        assertThat(rows.of(opened, "SubjectLinked")).isOne();
    }

    @Test
    void anUnverifiedEmailLinksNoAccount() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String opened = "acc-" + suffix;
        String email = "cfo." + suffix + "@lab.example";
        openAccount(opened, email);
        eventually().untilAsserted(() -> assertThat(api.get("/api/v1/accounts/" + opened).status()).isEqualTo(200));
        String claimant = subject();

        Api.Response own = signIn("""
                {"subject":"%s","email":"%s","name":"Claimant","emailVerified":false}""".formatted(claimant, email));

        assertThat(own.status()).as("%s", own.body()).isEqualTo(200);
        assertThat(own.body().path("accountId").asString()).isEqualTo(IdentitySignIns.accountIdFor(claimant).value());
        assertThat(own.body().path("created").asBoolean()).isTrue();
        assertThat(rows.of(opened, "SubjectLinked")).isZero();
    }

    static Stream<Arguments> unsigned() {
        String body = login("auth0|unsigned", "mallory@lab.example", "Mallory");
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("another secret", body, IdentitySigner.header("idp_guessed", body, now)),
                Arguments.of("a body changed after signing", body.replace("mallory", "alice"),
                        IdentitySigner.header(SECRET, body, now)),
                Arguments.of("signed ten minutes ago", body, IdentitySigner.header(SECRET, body,
                        now.minus(Duration.ofMinutes(10)))),
                Arguments.of("no signature", body, null),
                Arguments.of("a malformed signature", body, "sha256=deadbeef"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsigned")
    void aCallItsSignatureDoesNotVouchForIsRefusedAndStoresNothing(String why, String body, String signature) {
        String subject = body.substring(body.indexOf("auth0|"), body.indexOf("\",\"email"));
        String account = IdentitySignIns.accountIdFor(subject).value();
        long events = rows.all();

        Api.Response refused = send(body, signature);

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
        assertThat(refused.body().path("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(rows.of(account, "AccountOpened")).isZero();
        assertThat(rows.all()).isEqualTo(events);
    }

    @Test
    void aSignedCallWithoutASubjectOrEmailIsRefused() {
        Api.Response refused = signIn("{\"email\":\"not-an-address\",\"name\":\"Nobody\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fieldsAtFault()).containsExactlyInAnyOrder("subject", "email");
    }
}
