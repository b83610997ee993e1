package dev.tally.app.security;

import dev.tally.app.support.Api;
import dev.tally.app.support.OidcIssuer;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With TALLY_OIDC_AUDIENCE, a token the issuer made for another application is not a user of this API. */
class OidcAudienceTest {

    @TempDir
    Path dataDir;

    @Test
    void onlyTokensForThisApisAudienceAreUsers() {
        try (OidcIssuer oidc = OidcIssuer.start();
             RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false",
                     "tally.oidc.issuer-uri", oidc.issuerUri(), "tally.oidc.audience", "tally"))) {
            Api anyone = tally.api().withKey(null);

            Api.Response ours = anyone.withKey(oidc.token("auth0|ada", null)).get("/api/v1/me");
            Api.Response theirs = anyone.withKey(oidc.tokenForAnotherAudience("auth0|ada")).get("/api/v1/me");

            assertThat(ours.status()).isEqualTo(200);
            assertThat(theirs.status()).isEqualTo(401);
            assertThat(theirs.body().path("code").asString()).isEqualTo("UNAUTHORIZED");
        }
    }
}
