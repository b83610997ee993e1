package dev.tally.integrations.identity;

import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentitySignatureTest {

    private static final String SECRET = "idp_7c41e9a2f05b4d38a6e1c2b9d0f3a857";
    private static final Instant NOW = Instant.parse("2026-11-02T09:30:00Z");
    private static final String BODY = """
            {"subject":"auth0|65f1c2d3e4b5a6978899aabb","email":"ada@lab.example","name":"Ada Lovelace"}""";

    private final IdentitySignature signature = new IdentitySignature(properties(SECRET),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static IdentityProperties properties(String secret) {
        return new IdentityProperties(secret, null, null, null);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheProvidersSignatureWithinFiveMinutes() {
        assertThatCode(() -> signature.verify(bytes(BODY), IdentitySigner.header(SECRET, BODY, NOW.minusSeconds(300))))
                .doesNotThrowAnyException();
        assertThatCode(() -> signature.verify(bytes(BODY), IdentitySigner.header(SECRET, BODY, NOW.plusSeconds(30))))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyMatchingSignatureWhileASecretIsRotated() {
        String old = IdentitySigner.header("idp_old", BODY, NOW);
        String current = IdentitySigner.header(SECRET, BODY, NOW);
        String both = old + "," + current.substring(current.indexOf("v1="));

        assertThatCode(() -> signature.verify(bytes(BODY), both)).doesNotThrowAnyException();
    }

    static Stream<Arguments> refusedSignatures() {
        return Stream.of(
                Arguments.of("another secret", BODY, IdentitySigner.header("idp_another", BODY, NOW)),
                Arguments.of("a body changed after signing", BODY.replace("ada@", "eve@"),
                        IdentitySigner.header(SECRET, BODY, NOW)),
                Arguments.of("older than the tolerance", BODY, IdentitySigner.header(SECRET, BODY, NOW.minusSeconds(301))),
                Arguments.of("too far ahead", BODY, IdentitySigner.header(SECRET, BODY, NOW.plusSeconds(301))),
                Arguments.of("no v1 signature", BODY, "t=" + NOW.getEpochSecond()),
                Arguments.of("no timestamp", BODY, IdentitySigner.header(SECRET, BODY, NOW).replaceFirst("t=\\d+,", "")),
                Arguments.of("a v1 that is not hex", BODY, "t=" + NOW.getEpochSecond() + ",v1=zz"),
                Arguments.of("no header", BODY, null),
                Arguments.of("an unsigned body that is not JSON", "{not json", "t=1,v1=00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSignatures")
    void refusesWhatTheProviderDidNotSign(String why, String body, String header) {
        assertThatThrownBy(() -> signature.verify(bytes(body), header))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @Test
    void withoutASecretTheWebhookIsDisabled() {
        IdentitySignature unconfigured = new IdentitySignature(properties(" "), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> unconfigured.verify(bytes(BODY), IdentitySigner.header(SECRET, BODY, NOW)))
                .isInstanceOfSatisfying(DomainException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.INTEGRATION_DISABLED);
                    assertThat(refused.getMessage()).contains("TALLY_IDENTITY_WEBHOOK_SECRET");
                });
    }

    @Test
    void theDocumentedNodeSnippetsSignatureVerifies() {
        // Computed with Node: crypto.createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex'), t = NOW
        String header = "t=1793611800,v1=7e14112038dbb16fa5675de0d8e2897c2a339b4cac41002b9802462b71bdf053";

        assertThatCode(() -> signature.verify(bytes(BODY), header)).doesNotThrowAnyException();
    }
}
