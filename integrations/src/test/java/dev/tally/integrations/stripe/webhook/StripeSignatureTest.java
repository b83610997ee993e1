package dev.tally.integrations.stripe.webhook;

import com.stripe.model.Event;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.integrations.stripe.StripeProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeSignatureTest {

    private static final String SECRET = "whsec_3f9c2a7e41b84d0f9e6a5c3b2d1e0f7a";
    private static final Instant NOW = Instant.parse("2026-11-02T09:30:00Z");
    private static final String PAYLOAD = StripePayloads.event("evt_1SPk3xLkdIwHu7ixK2m4n6p8", "customer.created",
            StripePayloads.customer("cus_TQ8kD2mXbq4ZpA"));

    private final StripeSignature signature = new StripeSignature(properties(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

    private static StripeProperties properties(String webhookSecret) {
        return new StripeProperties(null, webhookSecret, null, null, null);
    }

    @Test
    void acceptsStripesSignatureAndReadsTheEvent() {
        Event event = signature.verify(PAYLOAD, StripeSigner.header(SECRET, PAYLOAD, NOW.minusSeconds(299)));

        assertThat(event.getId()).isEqualTo("evt_1SPk3xLkdIwHu7ixK2m4n6p8");
        assertThat(event.getType()).isEqualTo("customer.created");
    }

    static Stream<Arguments> refusedSignatures() {
        return Stream.of(
                Arguments.of("another endpoint's secret",
                        PAYLOAD, StripeSigner.header("whsec_another", PAYLOAD, NOW)),
                Arguments.of("a payload changed after signing",
                        PAYLOAD.replace("customer.created", "checkout.session.completed"),
                        StripeSigner.header(SECRET, PAYLOAD, NOW)),
                Arguments.of("older than the tolerance",
                        PAYLOAD, StripeSigner.header(SECRET, PAYLOAD, NOW.minusSeconds(301))),
                Arguments.of("no v1 signature",
                        PAYLOAD, "t=" + NOW.getEpochSecond()),
                Arguments.of("no header", PAYLOAD, null),
                Arguments.of("an unsigned body that is not JSON", "{not json", "t=1,v1=00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSignatures")
    void refusesWhatStripeDidNotSign(String why, String payload, String header) {
        assertThatThrownBy(() -> signature.verify(payload, header))
                .isInstanceOfSatisfying(DomainException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(refused.getMessage()).doesNotContain(SECRET).contains("Stripe-Signature");
                });
    }

    @Test
    void withoutASigningSecretWebhooksAreDisabled() {
        StripeSignature unconfigured = new StripeSignature(properties(" "), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> unconfigured.verify(PAYLOAD, StripeSigner.header(SECRET, PAYLOAD, NOW)))
                .isInstanceOfSatisfying(DomainException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.INTEGRATION_DISABLED);
                    assertThat(refused.getMessage()).contains("STRIPE_WEBHOOK_SECRET");
                });
    }

    @Test
    void aSignedPayloadThatIsNoEventIsRefused() {
        String payload = "{\"object\": \"event\"}";

        assertThatThrownBy(() -> signature.verify(payload, StripeSigner.header(SECRET, payload, NOW)))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }
}
