/**
 * Stripe: credit purchases through Checkout ({@link dev.tally.integrations.stripe.CreditPurchaseController}), and
 * finalized postpaid invoices sent to Stripe by a durable db-scheduler task
 * ({@link dev.tally.integrations.stripe.StripeInvoiceTask}). Every call goes through
 * {@link dev.tally.integrations.stripe.StripeGateway}, with idempotency keys derived from Tally's ids so a retry
 * never makes a second customer or invoice. Without {@code STRIPE_API_KEY} the integration is disabled: purchases
 * answer INTEGRATION_DISABLED and no invoice is sent. Webhooks from Stripe live in {@code stripe.webhook}.
 */
package dev.tally.integrations.stripe;
