package dev.tally.integrations.stripe.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.integrations.stripe.StripeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Checks that a webhook comes from Stripe: {@code Stripe-Signature} carries {@code t=<unix seconds>} and
 * {@code v1=<HMAC-SHA256 of "t.payload" with the endpoint's signing secret>}, at most five minutes old.
 */
@Component
public class StripeSignature {

    /** Stripe's recommended tolerance: a captured delivery cannot be replayed later than this. */
    public static final long TOLERANCE_SECONDS = 300;

    private static final Logger log = LoggerFactory.getLogger(StripeSignature.class);
    private static final String REFUSED = "the Stripe-Signature does not verify: it must be Stripe's signature of this "
            + "payload with this endpoint's signing secret, made within the last " + TOLERANCE_SECONDS + " seconds";

    private final StripeProperties properties;
    /**
     * Real time, not the engine's clock: a signature's age is measured against the instant Stripe signed it, and the
     * engine's clock may be a test clock standing elsewhere.
     */
    private final Clock wallClock;

    @Autowired
    public StripeSignature(StripeProperties properties) {
        this(properties, Clock.systemUTC());
    }

    StripeSignature(StripeProperties properties, Clock wallClock) {
        this.properties = properties;
        this.wallClock = wallClock;
    }

    /**
     * The verified event. INTEGRATION_DISABLED without a signing secret; VALIDATION_ERROR for a missing, wrong or stale
     * signature. stripe-java's {@code constructEvent} parses the payload before it checks the signature, so the
     * signature is checked on its own first and nothing of an unsigned body is read.
     */
    public Event verify(String payload, String signatureHeader) {
        String secret = properties.webhookSecret();
        if (secret == null) {
            throw new DomainException(ErrorCode.INTEGRATION_DISABLED, "Stripe webhooks are not configured here: set "
                    + "STRIPE_WEBHOOK_SECRET to the endpoint's signing secret");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw DomainException.validation("the Stripe-Signature header is missing");
        }
        Event event;
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, secret, TOLERANCE_SECONDS, wallClock);
            event = Webhook.constructEvent(payload, signatureHeader, secret, TOLERANCE_SECONDS, wallClock);
        } catch (SignatureVerificationException e) {
            log.warn("Refused a Stripe webhook: {}", e.getMessage());
            throw DomainException.validation(REFUSED);
        } catch (RuntimeException notJson) {
            // Signed, but not JSON: Gson's exception, which stripe-java does not wrap.
            throw DomainException.validation("the payload is not a Stripe event");
        }
        if (event == null || event.getId() == null || event.getType() == null || event.getData() == null) {
            throw DomainException.validation("the payload is not a Stripe event: it needs an id, a type and data");
        }
        return event;
    }
}
