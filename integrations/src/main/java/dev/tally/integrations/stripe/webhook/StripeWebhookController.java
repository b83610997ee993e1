package dev.tally.integrations.stripe.webhook;

import com.stripe.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * Stripe's webhook endpoint (API.md, Webhooks). It needs no API key: the signature authenticates it. 200 means the
 * event took effect (now or before) or is not Tally's; any other answer means nothing was stored, and Stripe
 * delivers the event again (for up to three days).
 */
@RestController
public class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeSignature signature;
    private final StripeEventEffects effects;
    private final StripeEventApplier applier;

    public StripeWebhookController(StripeSignature signature, StripeEventEffects effects,
                                   StripeEventApplier applier) {
        this.signature = signature;
        this.effects = effects;
        this.applier = applier;
    }

    /** The body is read as bytes: the signature is over exactly what Stripe sent. */
    @PostMapping("/api/v1/webhooks/stripe")
    public StripeWebhookReceipt receive(@RequestBody(required = false) byte[] body,
                                        @RequestHeader(name = "Stripe-Signature", required = false) String header) {
        Event event = signature.verify(body == null ? "" : new String(body, StandardCharsets.UTF_8), header);
        String id = event.getId();
        String type = event.getType();
        try {
            return switch (effects.of(event)) {
                case StripeEffect.Ignored ignored -> {
                    log.info("Stripe event {} ({}) acknowledged, not acted on: {}", id, type, ignored.reason());
                    yield new StripeWebhookReceipt(id, type, StripeEventOutcome.IGNORED, ignored.reason());
                }
                case StripeEffect.Commands commands -> {
                    StripeEventOutcome outcome = applier.apply(id, type, commands.commands());
                    log.info("Stripe event {} ({}): {}", id, type, outcome);
                    yield new StripeWebhookReceipt(id, type, outcome, null);
                }
            };
        } catch (RuntimeException e) {
            log.warn("Stripe event {} ({}) took no effect, Stripe will deliver it again: {}", id, type, e.toString());
            throw e;
        }
    }
}
