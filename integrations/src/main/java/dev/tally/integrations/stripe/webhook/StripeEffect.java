package dev.tally.integrations.stripe.webhook;

import java.util.List;

/** What a Stripe event asks of Tally: commands to send, or nothing, and why. */
public sealed interface StripeEffect {

    /** Commands to send, in order, in the transaction that records the event. */
    record Commands(List<Object> commands) implements StripeEffect {

        public Commands {
            commands = List.copyOf(commands);
        }
    }

    /** Not Tally's to act on (another product's payment, a type Tally does not handle): acknowledged, not stored. */
    record Ignored(String reason) implements StripeEffect {
    }

    static StripeEffect send(Object... commands) {
        return new Commands(List.of(commands));
    }

    static StripeEffect ignore(String reason) {
        return new Ignored(reason);
    }
}
