package dev.tally.integrations.stripe;

import dev.tally.api.account.LinkStripeCustomer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An account's Stripe customer, made the first time an account needs one (a purchase or an invoice) and remembered
 * on the Account aggregate. If the read model has not caught up with a link yet, the customer is asked for again
 * with the same idempotency key, Stripe answers with the same customer, and linking it again changes nothing.
 */
@Component
public class StripeCustomers {

    private static final Logger log = LoggerFactory.getLogger(StripeCustomers.class);

    private final StripeGateway stripe;
    private final CommandGateway commands;

    public StripeCustomers(StripeGateway stripe, CommandGateway commands) {
        this.stripe = stripe;
        this.commands = commands;
    }

    public String customerOf(PayingAccount account) {
        if (account.stripeCustomerId() != null) {
            return account.stripeCustomerId();
        }
        String customerId = stripe.createCustomer(account.id(), account.email(), account.name());
        commands.sendAndWait(new LinkStripeCustomer(account.id(), customerId));
        log.info("Account {} is Stripe customer {}", account.id(), customerId);
        return customerId;
    }
}
