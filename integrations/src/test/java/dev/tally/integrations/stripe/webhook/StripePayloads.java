package dev.tally.integrations.stripe.webhook;

import java.time.Instant;

/**
 * Webhook payloads shaped as Stripe sends them (API version 2026-02-25.clover): the event envelope and the data
 * objects Tally acts on, with their real fields (most left at the values a test-mode payment has).
 */
public final class StripePayloads {

    public static final String API_VERSION = "2026-02-25.clover";
    private static final long CREATED = Instant.parse("2026-11-02T09:30:00Z").getEpochSecond();

    private StripePayloads() {
    }

    /** An event of {@code type} about {@code object}. */
    public static String event(String id, String type, String object) {
        return event(id, type, object, null);
    }

    /** As above, with the {@code previous_attributes} Stripe sends on an object's update events. */
    public static String event(String id, String type, String object, String previousAttributes) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "%s",
                  "created": %d,
                  "data": {
                    "object": %s%s
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {
                    "id": null,
                    "idempotency_key": null
                  },
                  "type": "%s"
                }""".formatted(id, API_VERSION, CREATED, object,
                previousAttributes == null ? "" : ",\n    \"previous_attributes\": " + previousAttributes, type);
    }

    /** A Checkout session in payment mode, as Tally's credit purchase creates it; {@code account} null: not Tally's. */
    public static String checkoutSession(String id, String paymentIntent, String account, long amountTotal,
                                         String currency, String paymentStatus) {
        return """
                {
                  "id": "%s",
                  "object": "checkout.session",
                  "after_expiration": null,
                  "allow_promotion_codes": null,
                  "amount_subtotal": %d,
                  "amount_total": %d,
                  "automatic_tax": {"enabled": false, "liability": null, "status": null},
                  "billing_address_collection": null,
                  "cancel_url": "http://localhost:8080/credits/cancelled",
                  "client_reference_id": %s,
                  "client_secret": null,
                  "consent": null,
                  "consent_collection": null,
                  "created": %d,
                  "currency": "%s",
                  "custom_fields": [],
                  "customer": "cus_TQ8kD2mXbq4ZpA",
                  "customer_creation": null,
                  "customer_details": {
                    "address": {"city": null, "country": "DE", "line1": null, "line2": null, "postal_code": null,
                                "state": null},
                    "email": "ops@example.com",
                    "name": "Ops",
                    "phone": null,
                    "tax_exempt": "none",
                    "tax_ids": []
                  },
                  "customer_email": null,
                  "expires_at": %d,
                  "invoice": null,
                  "livemode": false,
                  "locale": null,
                  "metadata": %s,
                  "mode": "payment",
                  "payment_intent": %s,
                  "payment_link": null,
                  "payment_method_collection": "if_required",
                  "payment_method_types": ["card"],
                  "payment_status": "%s",
                  "phone_number_collection": {"enabled": false},
                  "recovered_from": null,
                  "setup_intent": null,
                  "shipping_address_collection": null,
                  "shipping_cost": null,
                  "shipping_options": [],
                  "status": "complete",
                  "submit_type": null,
                  "subscription": null,
                  "success_url": "http://localhost:8080/credits/purchased",
                  "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
                  "ui_mode": "hosted",
                  "url": null
                }""".formatted(id, amountTotal, amountTotal, quotedOrNull(account), CREATED - 120, currency,
                CREATED + 86_280, metadata("tallyAccountId", account), quotedOrNull(paymentIntent), paymentStatus);
    }

    /**
     * A card charge of a Checkout payment, {@code amountRefunded} of it refunded so far; {@code account} is the
     * {@code tallyAccountId} metadata, or null for none.
     */
    public static String charge(String id, String paymentIntent, long amount, long amountRefunded, String currency,
                                String account) {
        return """
                {
                  "id": "%s",
                  "object": "charge",
                  "amount": %d,
                  "amount_captured": %d,
                  "amount_refunded": %d,
                  "application": null,
                  "application_fee": null,
                  "application_fee_amount": null,
                  "balance_transaction": "txn_3SPk2wLkdIwHu7ix0x1y2z3a",
                  "billing_details": {
                    "address": {"city": null, "country": "DE", "line1": null, "line2": null, "postal_code": null,
                                "state": null},
                    "email": "ops@example.com",
                    "name": "Ops",
                    "phone": null
                  },
                  "calculated_statement_descriptor": "TALLY CREDITS",
                  "captured": true,
                  "created": %d,
                  "currency": "%s",
                  "customer": "cus_TQ8kD2mXbq4ZpA",
                  "description": null,
                  "disputed": false,
                  "failure_balance_transaction": null,
                  "failure_code": null,
                  "failure_message": null,
                  "fraud_details": {},
                  "livemode": false,
                  "metadata": %s,
                  "on_behalf_of": null,
                  "outcome": {
                    "network_status": "approved_by_network",
                    "reason": null,
                    "risk_level": "normal",
                    "risk_score": 21,
                    "seller_message": "Payment complete.",
                    "type": "authorized"
                  },
                  "paid": true,
                  "payment_intent": %s,
                  "payment_method": "pm_1SPk2vLkdIwHu7ixQm3bR8sT",
                  "payment_method_details": {
                    "card": {"brand": "visa", "country": "US", "exp_month": 12, "exp_year": 2030, "funding": "credit",
                             "last4": "4242", "network": "visa"},
                    "type": "card"
                  },
                  "receipt_email": null,
                  "receipt_number": null,
                  "receipt_url": "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xTEtkSXdIdTdpeA",
                  "refunded": %b,
                  "review": null,
                  "shipping": null,
                  "source_transfer": null,
                  "statement_descriptor": null,
                  "statement_descriptor_suffix": null,
                  "status": "succeeded",
                  "transfer_data": null,
                  "transfer_group": null
                }""".formatted(id, amount, amount, amountRefunded, CREATED - 60, currency,
                metadata("tallyAccountId", account), quotedOrNull(paymentIntent), amountRefunded == amount);
    }

    /** A card dispute (chargeback) of a charge, as charge.dispute.created carries it. */
    public static String dispute(String id, String charge, String paymentIntent, long amount, String currency) {
        return """
                {
                  "id": "%s",
                  "object": "dispute",
                  "amount": %d,
                  "balance_transactions": [],
                  "charge": "%s",
                  "created": %d,
                  "currency": "%s",
                  "evidence": {
                    "access_activity_log": null,
                    "billing_address": null,
                    "customer_email_address": null,
                    "product_description": null,
                    "uncategorized_text": null
                  },
                  "evidence_details": {"due_by": %d, "has_evidence": false, "past_due": false, "submission_count": 0},
                  "is_charge_refundable": false,
                  "livemode": false,
                  "metadata": {},
                  "payment_intent": %s,
                  "payment_method_details": {
                    "card": {"brand": "visa", "case_type": "chargeback", "network_reason_code": "10.4"},
                    "type": "card"
                  },
                  "reason": "fraudulent",
                  "status": "needs_response"
                }""".formatted(id, amount, charge, CREATED, currency, CREATED + 21 * 86_400,
                quotedOrNull(paymentIntent));
    }

    /**
     * An invoice Tally sent to Stripe ({@code tallyInvoiceId} metadata, or null for one that is not Tally's), paid or
     * open after a failed attempt.
     */
    public static String invoice(String id, String tallyInvoiceId, boolean paid, long attemptCount,
                                 Instant nextPaymentAttempt) {
        long total = 4670;
        return """
                {
                  "id": "%s",
                  "object": "invoice",
                  "account_country": "DE",
                  "account_name": "Research Platform",
                  "amount_due": %d,
                  "amount_paid": %d,
                  "amount_remaining": %d,
                  "amount_shipping": 0,
                  "attempt_count": %d,
                  "attempted": true,
                  "auto_advance": %b,
                  "automatic_tax": {"enabled": false, "liability": null, "status": null},
                  "billing_reason": "manual",
                  "collection_method": "charge_automatically",
                  "created": %d,
                  "currency": "eur",
                  "customer": "cus_TQ8kD2mXbq4ZpA",
                  "customer_email": "ops@example.com",
                  "customer_name": "Ops",
                  "default_payment_method": null,
                  "description": null,
                  "discounts": [],
                  "due_date": null,
                  "ending_balance": 0,
                  "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1LKdIwHu7ix/test_YWNjdF8x",
                  "invoice_pdf": "https://pay.stripe.com/invoice/acct_1LKdIwHu7ix/test_YWNjdF8x/pdf?s=ap",
                  "last_finalization_error": null,
                  "lines": {"object": "list", "data": [], "has_more": false, "total_count": 4,
                            "url": "/v1/invoices/%s/lines"},
                  "livemode": false,
                  "metadata": %s,
                  "next_payment_attempt": %s,
                  "number": "7F3A2C1B-0001",
                  "period_end": %d,
                  "period_start": %d,
                  "starting_balance": 0,
                  "status": "%s",
                  "status_transitions": {"finalized_at": %d, "marked_uncollectible_at": null, "paid_at": %s,
                                         "voided_at": null},
                  "subtotal": %d,
                  "total": %d
                }""".formatted(id, total, paid ? total : 0, paid ? 0 : total, attemptCount, !paid, CREATED - 3600,
                id, metadata("tallyInvoiceId", tallyInvoiceId),
                nextPaymentAttempt == null ? "null" : String.valueOf(nextPaymentAttempt.getEpochSecond()),
                CREATED - 3600, CREATED - 3600, paid ? "paid" : "open", CREATED - 3600,
                paid ? String.valueOf(CREATED) : "null", total, total);
    }

    /** A Stripe object Tally has no use for, as customer.created carries it. */
    public static String customer(String id) {
        return """
                {
                  "id": "%s",
                  "object": "customer",
                  "address": null,
                  "balance": 0,
                  "created": %d,
                  "currency": null,
                  "email": "ops@example.com",
                  "livemode": false,
                  "metadata": {},
                  "name": "Ops"
                }""".formatted(id, CREATED);
    }

    private static String metadata(String key, String value) {
        return value == null ? "{}" : "{\"" + key + "\": \"" + value + "\"}";
    }

    private static String quotedOrNull(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
