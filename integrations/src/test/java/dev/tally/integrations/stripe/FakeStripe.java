package dev.tally.integrations.stripe;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stripe's API as WireMock serves it, answering with the objects Stripe documents (API version 2026-02-25.clover,
 * the one stripe-java 31 speaks): a customer, a checkout.session with its url, a draft invoice, invoiceitems
 * echoing what was sent, and the finalized (open) invoice. Failures come as Stripe sends them: an {@code error}
 * object and a {@code Request-Id} header. Tests read what Tally sent with {@link #requests}.
 */
public final class FakeStripe implements AutoCloseable {

    public static final String API_KEY = "sk_test_51TallyFakeKey";
    public static final String CUSTOMER = "cus_TallyAcme0001";
    public static final String SESSION = "cs_test_a1TallyCheckout0001";
    public static final String INVOICE = "in_1TallyInvoice0001";

    public static final String CUSTOMERS = "/v1/customers";
    public static final String SESSIONS = "/v1/checkout/sessions";
    public static final String INVOICES = "/v1/invoices";
    public static final String INVOICE_ITEMS = "/v1/invoiceitems";
    public static final String FINALIZE = "/v1/invoices/" + INVOICE + "/finalize";

    private static final String RECOVERED = "recovered";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final AtomicInteger requestIds = new AtomicInteger();

    private FakeStripe() {
        server.start();
        answering();
    }

    public static FakeStripe start() {
        return new FakeStripe();
    }

    /** TALLY_STRIPE_API_BASE for an engine talking to this Stripe. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets what was asked and answers normally again. */
    public void reset() {
        server.resetAll();
        answering();
    }

    /** Every request Tally made to {@code path}, oldest first. */
    public List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** Every answer to {@code path} from now on is Stripe's {@code status} error. */
    public void failing(String path, int status) {
        server.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(error(status)));
    }

    /** The next request to {@code path} gets Stripe's {@code status} error; the ones after it succeed. */
    public void failingOnce(String path, int status) {
        server.stubFor(once(path).willReturn(error(status)));
    }

    /** The next request to {@code path} is answered after {@code millis}, too late for a client's read timeout. */
    public void slowOnce(String path, int millis) {
        server.stubFor(once(path).willReturn(success(path).withFixedDelay(millis)));
    }

    private MappingBuilder once(String path) {
        return post(urlEqualTo(path)).atPriority(1)
                .inScenario(path).whenScenarioStateIs(Scenario.STARTED).willSetStateTo(RECOVERED);
    }

    private void answering() {
        for (String path : List.of(CUSTOMERS, SESSIONS, INVOICES, INVOICE_ITEMS, FINALIZE)) {
            server.stubFor(post(urlEqualTo(path)).atPriority(5).willReturn(success(path)));
        }
    }

    private ResponseDefinitionBuilder success(String path) {
        String body = switch (path) {
            case CUSTOMERS -> CUSTOMER_JSON;
            case SESSIONS -> SESSION_JSON;
            case INVOICES -> invoice("draft", "null", "null");
            case INVOICE_ITEMS -> INVOICE_ITEM_JSON;
            case FINALIZE -> invoice("open", "\"A1B2C3D4-0001\"",
                    "\"https://invoice.stripe.com/i/acct_1Tally/test_YWNjdF8xVGFsbHk\"");
            default -> throw new IllegalArgumentException("Stripe has no " + path + " here");
        };
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", nextRequestId())
                .withHeader("Stripe-Version", "2026-02-25.clover")
                .withBody(body)
                .withTransformers("response-template");
    }

    private ResponseDefinitionBuilder error(int status) {
        String type = status >= 500 ? "api_error" : "invalid_request_error";
        String message = status >= 500 ? "An unknown error occurred" : "Invalid request";
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", nextRequestId())
                .withBody("""
                        {
                          "error": {
                            "message": "%s",
                            "request_log_url": "https://dashboard.stripe.com/test/logs/req_fake",
                            "type": "%s"
                          }
                        }""".formatted(message, type));
    }

    private String nextRequestId() {
        return "req_Tally%08d".formatted(requestIds.incrementAndGet());
    }

    @Override
    public void close() {
        server.stop();
    }

    // The objects as Stripe's API reference shows them. Fields Tally sent are echoed from the request's form.

    private static final String FORM = "{{formData request.body 'form' urlDecode=true}}";

    private static final String CUSTOMER_JSON = FORM + """
            {
              "id": "%s",
              "object": "customer",
              "address": null,
              "balance": 0,
              "created": 1767225600,
              "currency": null,
              "default_source": null,
              "delinquent": false,
              "description": null,
              "email": "{{{form.email}}}",
              "invoice_prefix": "A1B2C3D4",
              "invoice_settings": {
                "custom_fields": null,
                "default_payment_method": null,
                "footer": null,
                "rendering_options": null
              },
              "livemode": false,
              "metadata": {
                "tallyAccountId": "{{{lookup form 'metadata[tallyAccountId]'}}}"
              },
              "name": "{{{form.name}}}",
              "next_invoice_sequence": 1,
              "phone": null,
              "preferred_locales": [],
              "shipping": null,
              "tax_exempt": "none",
              "test_clock": null
            }""".formatted(CUSTOMER);

    private static final String SESSION_JSON = FORM + """
            {
              "id": "%1$s",
              "object": "checkout.session",
              "adaptive_pricing": {"enabled": false},
              "after_expiration": null,
              "allow_promotion_codes": null,
              "amount_subtotal": {{{lookup form 'line_items[0][price_data][unit_amount]'}}},
              "amount_total": {{{lookup form 'line_items[0][price_data][unit_amount]'}}},
              "automatic_tax": {"enabled": false, "liability": null, "provider": null, "status": null},
              "billing_address_collection": null,
              "cancel_url": "{{{form.cancel_url}}}",
              "client_reference_id": "{{{form.client_reference_id}}}",
              "client_secret": null,
              "consent": null,
              "consent_collection": null,
              "created": 1767225600,
              "currency": "{{{lookup form 'line_items[0][price_data][currency]'}}}",
              "custom_fields": [],
              "custom_text": {
                "after_submit": null,
                "shipping_address": null,
                "submit": null,
                "terms_of_service_acceptance": null
              },
              "customer": "{{{form.customer}}}",
              "customer_creation": null,
              "customer_details": null,
              "customer_email": null,
              "expires_at": 1767312000,
              "invoice": null,
              "invoice_creation": {
                "enabled": false,
                "invoice_data": {
                  "account_tax_ids": null,
                  "custom_fields": null,
                  "description": null,
                  "footer": null,
                  "issuer": null,
                  "metadata": {},
                  "rendering_options": null
                }
              },
              "livemode": false,
              "locale": null,
              "metadata": {
                "tallyAccountId": "{{{lookup form 'metadata[tallyAccountId]'}}}",
                "tallyAmount": "{{{lookup form 'metadata[tallyAmount]'}}}",
                "tallyCurrency": "{{{lookup form 'metadata[tallyCurrency]'}}}"
              },
              "mode": "payment",
              "payment_intent": null,
              "payment_link": null,
              "payment_method_collection": "if_required",
              "payment_method_configuration_details": null,
              "payment_method_options": {},
              "payment_method_types": ["card"],
              "payment_status": "unpaid",
              "phone_number_collection": {"enabled": false},
              "recovered_from": null,
              "saved_payment_method_options": null,
              "setup_intent": null,
              "shipping_address_collection": null,
              "shipping_cost": null,
              "shipping_options": [],
              "status": "open",
              "submit_type": null,
              "subscription": null,
              "success_url": "{{{form.success_url}}}",
              "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
              "ui_mode": "hosted",
              "url": "https://checkout.stripe.com/c/pay/%1$s#fidkdWxOYHwnPyd1blpxYHZxWjA0TmFsbHk"
            }""".formatted(SESSION);

    private static final String INVOICE_ITEM_JSON = FORM + """
            {
              "id": "ii_1Tally{{randomValue length=16 type='ALPHANUMERIC'}}",
              "object": "invoiceitem",
              "amount": {{{form.amount}}},
              "currency": "{{{form.currency}}}",
              "customer": "{{{form.customer}}}",
              "date": 1767225600,
              "description": "{{{form.description}}}",
              "discountable": true,
              "discounts": [],
              "invoice": "{{{form.invoice}}}",
              "livemode": false,
              "metadata": {
                "tallyInvoiceId": "{{{lookup form 'metadata[tallyInvoiceId]'}}}"
              },
              "parent": null,
              "period": {"end": 1767225600, "start": 1767225600},
              "pricing": {
                "price_details": null,
                "type": null,
                "unit_amount_decimal": "{{{form.amount}}}"
              },
              "proration": false,
              "quantity": 1,
              "tax_rates": [],
              "test_clock": null
            }""";

    /** The invoice as created (draft) or finalized (open, with its number and hosted page). */
    private static String invoice(String status, String number, String hostedUrl) {
        return """
                {
                  "id": "%1$s",
                  "object": "invoice",
                  "account_country": "DE",
                  "account_name": "Tally Platform",
                  "account_tax_ids": null,
                  "amount_due": 0,
                  "amount_overpaid": 0,
                  "amount_paid": 0,
                  "amount_remaining": 0,
                  "amount_shipping": 0,
                  "application": null,
                  "attempt_count": 0,
                  "attempted": false,
                  "auto_advance": %2$s,
                  "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null, "provider": null,
                    "status": null},
                  "billing_reason": "manual",
                  "collection_method": "charge_automatically",
                  "confirmation_secret": null,
                  "created": 1767225600,
                  "currency": "eur",
                  "custom_fields": null,
                  "customer": "%3$s",
                  "customer_address": null,
                  "customer_email": "ops@acme.example",
                  "customer_name": "Acme",
                  "customer_phone": null,
                  "customer_shipping": null,
                  "customer_tax_exempt": "none",
                  "customer_tax_ids": [],
                  "default_payment_method": null,
                  "default_source": null,
                  "default_tax_rates": [],
                  "description": null,
                  "discounts": [],
                  "due_date": null,
                  "effective_at": null,
                  "ending_balance": null,
                  "footer": null,
                  "from_invoice": null,
                  "hosted_invoice_url": %4$s,
                  "invoice_pdf": null,
                  "issuer": {"type": "self"},
                  "last_finalization_error": null,
                  "latest_revision": null,
                  "lines": {
                    "object": "list",
                    "data": [],
                    "has_more": false,
                    "total_count": 0,
                    "url": "/v1/invoices/%1$s/lines"
                  },
                  "livemode": false,
                  "metadata": {},
                  "next_payment_attempt": null,
                  "number": %5$s,
                  "on_behalf_of": null,
                  "parent": null,
                  "payment_settings": {
                    "default_mandate": null,
                    "payment_method_options": null,
                    "payment_method_types": null
                  },
                  "period_end": 1767225600,
                  "period_start": 1767225600,
                  "post_payment_credit_notes_amount": 0,
                  "pre_payment_credit_notes_amount": 0,
                  "receipt_number": null,
                  "shipping_cost": null,
                  "shipping_details": null,
                  "starting_balance": 0,
                  "statement_descriptor": null,
                  "status": "%6$s",
                  "status_transitions": {
                    "finalized_at": %7$s,
                    "marked_uncollectible_at": null,
                    "paid_at": null,
                    "voided_at": null
                  },
                  "subtotal": 0,
                  "subtotal_excluding_tax": 0,
                  "test_clock": null,
                  "total": 0,
                  "total_discount_amounts": [],
                  "total_excluding_tax": 0,
                  "total_taxes": [],
                  "webhooks_delivered_at": null
                }""".formatted(INVOICE, "open".equals(status), CUSTOMER, hostedUrl, number, status,
                "open".equals(status) ? "1767225660" : "null");
    }
}
