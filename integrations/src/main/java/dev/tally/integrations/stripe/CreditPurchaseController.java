package dev.tally.integrations.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.Money;
import dev.tally.api.account.AccountStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Buying credits through Stripe Checkout (API.md, Credits and balance). Nothing is granted here: the credits arrive
 * when Stripe reports the session paid (checkout.session.completed), through the webhook.
 */
@RestController
public class CreditPurchaseController {

    private static final Logger log = LoggerFactory.getLogger(CreditPurchaseController.class);

    private final StripeGateway stripe;
    private final PayingAccounts accounts;
    private final StripeCustomers customers;

    public CreditPurchaseController(StripeGateway stripe, PayingAccounts accounts, StripeCustomers customers) {
        this.stripe = stripe;
        this.accounts = accounts;
        this.customers = customers;
    }

    /**
     * 201 with the session to send the customer to. 503 INTEGRATION_DISABLED without Stripe keys (before anything
     * else: no request could succeed), 404 for an unknown account, 409 for a closed one, 502
     * PAYMENT_PROVIDER_ERROR when Stripe fails.
     */
    @PostMapping("/api/v1/accounts/{accountId}/credit-purchases")
    @ResponseStatus(HttpStatus.CREATED)
    public CheckoutSession purchase(@PathVariable String accountId, @RequestBody CreditPurchaseRequest request) {
        stripe.requireEnabled();
        AccountId id = AccountId.of(accountId);
        PayingAccount account = accounts.find(id).orElseThrow(() -> DomainException.notFound("no account " + id));
        Money amount = request.validIn(account.currency());
        if (account.status() == AccountStatus.CLOSED) {
            throw DomainException.conflict("account " + id + " is closed: it cannot buy credits");
        }
        CheckoutSession session = stripe.createCheckoutSession(id, customers.customerOf(account), amount);
        log.info("Account {} is buying {} of credits in Stripe checkout session {}", id, amount, session.sessionId());
        return session;
    }
}
