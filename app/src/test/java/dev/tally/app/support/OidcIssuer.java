package dev.tally.app.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect issuer on localhost, as Auth0, Google or Keycloak serve one: its discovery document and its JWKS
 * (counting how often the keys are fetched), and JWTs signed with its key for any subject and e-mail address.
 */
public final class OidcIssuer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final AtomicInteger keyFetches = new AtomicInteger();

    private OidcIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://localhost:" + server.getAddress().getPort() + "/issuer";
    }

    public static OidcIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            OidcIssuer oidc = new OidcIssuer(server, newKey());
            server.createContext("/issuer/.well-known/openid-configuration", exchange -> oidc.send(exchange, """
                    {"issuer":"%s","jwks_uri":"%s/jwks","id_token_signing_alg_values_supported":["RS256"],
                     "subject_types_supported":["public"],"response_types_supported":["code"]}"""
                    .formatted(oidc.issuer, oidc.issuer)));
            server.createContext("/issuer/jwks", exchange -> {
                oidc.keyFetches.incrementAndGet();
                oidc.send(exchange, new JWKSet(oidc.key.toPublicJWK()).toString());
            });
            server.start();
            return oidc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuerUri() {
        return issuer;
    }

    public int keyFetches() {
        return keyFetches.get();
    }

    /** A JWT of this issuer for {@code subject} (and {@code email}, when not null), valid for five minutes. */
    public String token(String subject, String email) {
        return sign(key, issuer, subject, email, Instant.now().plus(Duration.ofMinutes(5)), null);
    }

    /** A token of this issuer made for another application (audience {@code other-app}). */
    public String tokenForAnotherAudience(String subject) {
        return sign(key, issuer, subject, null, Instant.now().plus(Duration.ofMinutes(5)), null, "other-app");
    }

    /** A token whose {@code email_verified} claim is false. */
    public String tokenWithUnverifiedEmail(String subject, String email) {
        return sign(key, issuer, subject, email, Instant.now().plus(Duration.ofMinutes(5)), false);
    }

    public String expiredToken(String subject) {
        return sign(key, issuer, subject, null, Instant.now().minus(Duration.ofMinutes(5)), null);
    }

    /** A JWT naming this issuer, signed by a key the issuer never published. */
    public String forgedToken(String subject) {
        return sign(newKey(), issuer, subject, null, Instant.now().plus(Duration.ofMinutes(5)), null);
    }

    private static String sign(RSAKey signingKey, String issuer, String subject, String email, Instant expires,
                               Boolean emailVerified) {
        return sign(signingKey, issuer, subject, email, expires, emailVerified, "tally");
    }

    private static String sign(RSAKey signingKey, String issuer, String subject, String email, Instant expires,
                               Boolean emailVerified, String audience) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .audience(audience).issueTime(Date.from(expires.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expires));
        if (email != null) {
            claims.claim("email", email);
        }
        if (emailVerified != null) {
            claims.claim("email_verified", emailVerified);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .build(), claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
