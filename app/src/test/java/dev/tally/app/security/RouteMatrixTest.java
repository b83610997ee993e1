package dev.tally.app.security;

import dev.tally.app.support.Api;
import dev.tally.app.support.OidcIssuer;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the application maps, called by each kind of caller, answers exactly the status the access rules give:
 * anonymous, a user on its own account, another user, an admin, an auditor and a collector. The routes are read from
 * the running application, so a route added without an entry here fails this test.
 *
 * <p>Requests are made to do nothing when they pass security: a command carries an empty body (400) or names
 * something that does not exist (404), so the statuses show where the caller was stopped, and no call changes what
 * the next one sees. {@code {accountId}} is the user's account where a user may call the route (reads, buying
 * credits, redeeming vouchers); every other path variable names nothing.
 */
class RouteMatrixTest {

    private static final List<String> CALLERS = List.of("anonymous", "user", "other user", "admin", "auditor",
            "collector");
    /** For each route, the status for each of {@link #CALLERS}, in that order. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        // route: anonymous, user (its own account), other user, admin, auditor, collector
        EXPECTED.put("DELETE /api/v1/admin/api-keys/{id}", "401 403 403 404 403 403");
        EXPECTED.put("GET /actuator", "401 403 403 200 200 403");
        EXPECTED.put("GET /actuator/health", "200 200 200 200 200 200");
        EXPECTED.put("GET /actuator/health/**", "404 404 404 404 404 404");
        EXPECTED.put("GET /actuator/prometheus", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}", "401 200 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}/balance", "401 200 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}/environments", "401 200 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}/invoices", "401 200 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}/ledger", "401 200 403 200 200 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}/usage", "401 400 403 400 400 403");
        EXPECTED.put("GET /api/v1/accounts/{accountId}/usage/summary", "401 200 403 200 200 403");
        EXPECTED.put("GET /api/v1/admin/activity", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/admin/api-keys", "401 403 403 200 403 403");
        EXPECTED.put("GET /api/v1/admin/processors", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/admin/processors/{name}", "401 403 403 404 404 403");
        EXPECTED.put("GET /api/v1/audit/accounts/{accountId}/balance", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/audit/accounts/{accountId}/chain", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/audit/accounts/{accountId}/ledger.csv", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/audit/accounts/{accountId}/ledger.json", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/audit/ledger.csv", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/audit/ledger.json", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/audit/trial-balance", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/clusters", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/clusters/{clusterId}", "401 403 403 404 404 403");
        EXPECTED.put("GET /api/v1/clusters/{clusterId}/unattributed-usage", "401 403 403 400 400 403");
        EXPECTED.put("GET /api/v1/environments/{environmentId}", "401 403 403 404 404 403");
        EXPECTED.put("GET /api/v1/invoices/{invoiceId}", "401 403 403 404 404 403");
        EXPECTED.put("GET /api/v1/me", "401 200 200 200 200 200");
        EXPECTED.put("GET /api/v1/price-books", "401 403 403 200 200 403");
        EXPECTED.put("GET /api/v1/price-books/{priceBookId}", "401 403 403 404 404 403");
        EXPECTED.put("GET /error", "401 403 403 500 403 403");
        EXPECTED.put("POST /api/v1/accounts", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/billing-anchor", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/billing-mode", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/billing-periods/close", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/charge-reversals", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/close", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/cluster-assignment", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/credit-grants", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/credit-purchases", "401 503 403 503 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/low-balance-threshold", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/price-book", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/refunds", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/reinstate", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/suspend", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/accounts/{accountId}/voucher-redemptions", "401 400 403 400 403 403");
        EXPECTED.put("POST /api/v1/admin/api-keys", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/admin/processors/replay", "401 403 403 202 403 403");
        EXPECTED.put("POST /api/v1/admin/processors/{name}/replay", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/audit/verify", "401 403 403 200 200 403");
        EXPECTED.put("POST /api/v1/billing-periods/close", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/clusters", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/clusters/{clusterId}/collect", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/clusters/{clusterId}/connection-test", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/clusters/{clusterId}/deregister", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/clusters/{clusterId}/scrapes", "401 403 403 400 403 400");
        EXPECTED.put("POST /api/v1/environments", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/environments/{environmentId}/delete", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/environments/{environmentId}/resize", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/environments/{environmentId}/start", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/environments/{environmentId}/stop", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/invoices/{invoiceId}/credit-notes", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/invoices/{invoiceId}/finalize", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/invoices/{invoiceId}/void", "401 403 403 404 403 403");
        EXPECTED.put("POST /api/v1/price-books", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/price-books/{priceBookId}/versions", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/vouchers", "401 403 403 400 403 403");
        EXPECTED.put("POST /api/v1/webhooks/identity", "503 503 503 503 503 503");
        EXPECTED.put("POST /api/v1/webhooks/stripe", "503 503 503 503 503 503");
        EXPECTED.put("GET /swagger-ui.html", "302 302 302 302 302 302");
        EXPECTED.put("GET /v3/api-docs", "200 200 200 200 200 200");
        EXPECTED.put("GET /v3/api-docs.yaml", "200 200 200 200 200 200");
        EXPECTED.put("GET /v3/api-docs/swagger-config", "200 200 200 200 200 200");
    }

    @TempDir
    Path dataDir;

    @Test
    void everyMappedRouteAnswersEachCallerAsTheRulesSay() {
        try (OidcIssuer oidc = OidcIssuer.start();
             RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false",
                     "tally.oidc.issuer-uri", oidc.issuerUri()))) {
            Api admin = tally.api();
            assertThat(admin.post("/api/v1/accounts", """
                    {"id":"acc-own","email":"own@example.com","name":"Own","currency":"EUR","billingMode":"PREPAID",
                     "subject":"auth0|own"}""").status()).isEqualTo(201);
            org.awaitility.Awaitility.await().until(() -> admin.get("/api/v1/accounts/acc-own").status() == 200);
            Map<String, Api> callers = new LinkedHashMap<>();
            callers.put("anonymous", admin.withKey(null));
            callers.put("user", admin.withKey(oidc.token("auth0|own", null)));
            callers.put("other user", admin.withKey(oidc.token("auth0|other", "other@example.com")));
            callers.put("admin", admin);
            callers.put("auditor", admin.withKey(key(admin, "AUDITOR")));
            callers.put("collector", admin.withKey(key(admin, "COLLECTOR")));

            List<String> routes = routes(tally);
            List<String> wrong = new ArrayList<>();
            for (String route : routes) {
                List<String> statuses = new ArrayList<>();
                for (String caller : CALLERS) {
                    statuses.add(Integer.toString(call(callers.get(caller), route)));
                }
                String observed = String.join(" ", statuses);
                if (!observed.equals(EXPECTED.get(route))) {
                    wrong.add("EXPECTED.put(\"" + route + "\", \"" + observed + "\"); // expected "
                            + EXPECTED.get(route));
                }
            }
            assertThat(wrong).as("routes answering otherwise than expected (or without an entry)").isEmpty();
            assertThat(EXPECTED.keySet()).as("entries for routes the application no longer maps")
                    .isSubsetOf(routes);
        }
    }

    /** "METHOD /path/{var}" for every handler method of every request mapping of the application. */
    private static List<String> routes(RunningTally tally) {
        TreeSet<String> routes = new TreeSet<>();
        tally.beans(RequestMappingInfoHandlerMapping.class).values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> {
                    var methods = info.getMethodsCondition().getMethods();
                    for (String pattern : info.getPatternValues()) {
                        if (methods.isEmpty()) {
                            routes.add("GET " + pattern);
                        }
                        methods.forEach(method -> routes.add(method.name() + " " + pattern));
                    }
                }));
        return List.copyOf(routes);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private static int call(Api api, String route) {
        String method = route.substring(0, route.indexOf(' '));
        Matcher variables = VARIABLE.matcher(route.substring(route.indexOf(' ') + 1));
        StringBuilder path = new StringBuilder();
        boolean usersMayCall = method.equals("GET") || route.endsWith("/credit-purchases")
                || route.endsWith("/voucher-redemptions");
        while (variables.find()) {
            variables.appendReplacement(path, variables.group(1).equals("accountId") && usersMayCall ? "acc-own"
                    : "none");
        }
        variables.appendTail(path);
        return switch (method) {
            case "GET" -> api.get(path.toString()).status();
            case "DELETE" -> api.delete(path.toString()).status();
            default -> api.post(path.toString(), "{}").status();
        };
    }

    private static String key(Api admin, String role) {
        return admin.post("/api/v1/admin/api-keys", "{\"name\":\"matrix\",\"role\":\"" + role + "\"}").body()
                .path("key").asString();
    }
}
