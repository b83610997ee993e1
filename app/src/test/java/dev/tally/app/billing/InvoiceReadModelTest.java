package dev.tally.app.billing;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.InvoicePaymentFailed;
import dev.tally.api.billing.InvoiceSentToStripe;
import dev.tally.api.billing.InvoiceVoided;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.app.support.AggregateEvents;
import dev.tally.app.support.Amounts;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.ReadModels;
import dev.tally.app.support.Redelivery;
import dev.tally.projections.billing.InvoiceProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tally.schema.jooq.Tables.CREDIT_NOTE;
import static dev.tally.schema.jooq.Tables.INVOICE;
import static dev.tally.schema.jooq.Tables.INVOICE_LINE;
import static dev.tally.schema.jooq.Tables.SCHEDULED_TASKS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invoices read model and its API (API.md, Invoices). The events are appended straight to the event store, as
 * the Invoice aggregate appends them, and the invoices are read back over HTTP.
 */
class InvoiceReadModelTest extends EngineTest {

    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant FINALIZED_AT = Instant.parse("2026-05-01T06:00:00Z");
    private static final Instant DUE_AT = Instant.parse("2026-05-15T00:00:00Z");
    private static final EnvironmentId SEED_004 = EnvironmentId.of("seed-004");

    @Autowired
    EventStorageEngine eventStorage;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    InvoiceProjection projection;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DSLContext db;

    private Api api;
    private AggregateEvents events;
    private final Map<InvoiceId, InvoiceDrafted> drafts = new HashMap<>();

    @BeforeEach
    void setUp() {
        api = api();
        events = new AggregateEvents(eventStorage);
    }

    @Test
    void seed004PostpaidMonthIsADraftOfItsFourLines() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");

        JsonNode view = awaitInvoice(invoice, "DRAFT");
        assertThat(view.path("id").asString()).isEqualTo(invoice.value());
        assertThat(view.path("accountId").asString()).isEqualTo(account);
        assertThat(view.path("number").isNull()).as("a draft has no number yet").isTrue();
        assertThat(view.path("periodStart").asString()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(view.path("periodEnd").asString()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(view.path("billingMode").asString()).isEqualTo("POSTPAID");
        assertThat(view.path("draftedAt").asString()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(lines(view)).containsExactly(
                "cpu seed-004 720 core-hour 0.05 36 36.00 EUR",
                "memory seed-004 1440 gb-hour 0.005 7.2 7.20 EUR",
                "storage seed-004 30 gb-day 0.1 3.00000000024 3.00 EUR",
                "egress seed-004 50 gb 0.01 0.5 0.50 EUR");
        assertThat(view.path("lines").valueStream().map(line -> line.path("adjustment").asBoolean()))
                .containsOnly(false);
        assertThat(view.path("lines").valueStream().map(line -> line.has("label"))).containsOnly(false);
        assertThat(Amounts.of(view.path("subtotal"))).isEqualTo("46.70 EUR");
        assertThat(Amounts.of(view.path("creditsApplied"))).isEqualTo("0.00 EUR");
        assertThat(Amounts.of(view.path("total"))).isEqualTo("46.70 EUR");
        assertThat(Amounts.of(view.path("credited"))).isEqualTo("0.00 EUR");
        assertThat(view.path("creditNotes").isEmpty()).isTrue();
        assertThat(view.propertyNames()).doesNotContain("dueAt", "paidAt", "finalizedAt", "stripe",
                "paymentFailureReason", "voidedAt");
    }

    @Test
    void aFinalizedInvoiceIsNumberedSentToStripeAndPaid() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");

        finalizeInvoice(invoice, "2026-000042");
        JsonNode finalized = awaitInvoice(invoice, "FINALIZED");
        assertThat(finalized.path("number").asString()).isEqualTo("2026-000042");
        assertThat(finalized.path("finalizedAt").asString()).isEqualTo("2026-05-01T06:00:00Z");
        assertThat(finalized.path("dueAt").asString()).isEqualTo("2026-05-15T00:00:00Z");
        assertThat(finalized.has("stripe")).as("nothing queued for Stripe").isFalse();
        queueStripePush(invoice);
        JsonNode queued = invoiceView(invoice);
        assertThat(queued.path("stripe").path("status").asString()).isEqualTo("PENDING");
        assertThat(queued.path("stripe").has("invoiceId")).isFalse();

        onInvoice(invoice, new InvoiceSentToStripe(invoice, AccountId.of(account), "in_1PqR2sT3uV",
                at("2026-05-01T06:00:05Z")));
        eventually().until(() -> "SENT".equals(invoiceView(invoice).path("stripe").path("status").asString()));
        JsonNode sent = invoiceView(invoice);
        assertThat(sent.path("status").asString()).isEqualTo("FINALIZED");
        assertThat(sent.path("stripe").path("invoiceId").asString()).isEqualTo("in_1PqR2sT3uV");
        assertThat(sent.path("stripe").path("sentAt").asString()).isEqualTo("2026-05-01T06:00:05Z");

        onInvoice(invoice, new InvoicePaid(invoice, AccountId.of(account), Money.of("46.70", "EUR"),
                at("2026-05-03T09:30:00Z"), "pi_3PqR"));
        JsonNode paid = awaitInvoice(invoice, "PAID");
        assertThat(paid.path("paidAt").asString()).isEqualTo("2026-05-03T09:30:00Z");
        assertThat(Amounts.of(paid.path("amountPaid"))).isEqualTo("46.70 EUR");
        assertThat(paid.path("paymentReference").asString()).isEqualTo("pi_3PqR");
        assertThat(paid.path("number").asString()).isEqualTo("2026-000042");
        assertThat(paid.path("stripe").path("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aFailedPaymentShowsWhyAndStaysOnRecordOnceTheInvoiceIsPaid() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        finalizeInvoice(invoice, "2026-000043");
        onInvoice(invoice, new InvoicePaymentFailed(invoice, AccountId.of(account), at("2026-05-03T09:30:00Z"),
                "card_declined: insufficient funds"));

        JsonNode failed = awaitInvoice(invoice, "PAYMENT_FAILED");
        assertThat(failed.path("paymentFailureReason").asString()).isEqualTo("card_declined: insufficient funds");
        assertThat(failed.path("paymentFailedAt").asString()).isEqualTo("2026-05-03T09:30:00Z");
        assertThat(failed.has("paidAt")).isFalse();

        onInvoice(invoice, new InvoicePaid(invoice, AccountId.of(account), Money.of("46.70", "EUR"),
                at("2026-05-06T10:00:00Z"), "pi_retry"));
        JsonNode paid = awaitInvoice(invoice, "PAID");
        assertThat(paid.path("paidAt").asString()).isEqualTo("2026-05-06T10:00:00Z");
        assertThat(paid.path("paymentFailureReason").asString()).isEqualTo("card_declined: insufficient funds");
    }

    @Test
    void aVoidedInvoiceShowsWhyAndHasNothingPendingInStripe() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        finalizeInvoice(invoice, "2026-000044");
        awaitInvoice(invoice, "FINALIZED");

        onInvoice(invoice, new InvoiceVoided(invoice, AccountId.of(account), "billed to the wrong account",
                at("2026-05-02T08:00:00Z")));
        JsonNode voided = awaitInvoice(invoice, "VOID");
        assertThat(voided.path("voidReason").asString()).isEqualTo("billed to the wrong account");
        assertThat(voided.path("voidedAt").asString()).isEqualTo("2026-05-02T08:00:00Z");
        assertThat(voided.path("number").asString()).isEqualTo("2026-000044");
        assertThat(voided.has("stripe")).isFalse();
    }

    @Test
    void creditNotesAreListedAndAddUpToCredited() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        finalizeInvoice(invoice, "2026-000045");
        creditNote(invoice, account, "cn-1", "10.00", "cluster outage on 2026-04-12");
        creditNote(invoice, account, "cn-2", "5.5", "goodwill");

        eventually().until(() -> "15.50 EUR".equals(Amounts.of(invoiceView(invoice).path("credited"))));
        JsonNode view = invoiceView(invoice);
        assertThat(view.path("status").asString()).isEqualTo("FINALIZED");
        assertThat(Amounts.of(view.path("total"))).as("a finalized invoice is never rewritten").isEqualTo("46.70 EUR");
        assertThat(view.path("creditNotes").valueStream()
                .map(note -> note.path("id").asString() + " " + Amounts.of(note.path("amount")) + " "
                        + note.path("reason").asString() + " " + note.path("issuedAt").asString()))
                .containsExactly(
                        "cn-1 10.00 EUR cluster outage on 2026-04-12 2026-05-04T00:00:00Z",
                        "cn-2 5.50 EUR goodwill 2026-05-04T00:00:00Z");
    }

    /**
     * A credit note's row is written with its invoice's new total credited, but a read may fall between the two:
     * the note is shown only once its invoice row counts it, so the list always adds up to {@code credited}.
     */
    @Test
    void aCreditNoteIsShownOnlyOnceItsInvoiceCountsIt() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        finalizeInvoice(invoice, "2026-000048");
        creditNote(invoice, account, "cn-1", "10.00", "cluster outage");
        eventually().until(() -> invoiceView(invoice).path("creditNotes").size() == 1);

        db.insertInto(CREDIT_NOTE)
                .set(CREDIT_NOTE.INVOICE_ID, invoice.value())
                .set(CREDIT_NOTE.CREDIT_NOTE_ID, "cn-2")
                .set(CREDIT_NOTE.SEQUENCE, 3L)
                .set(CREDIT_NOTE.AMOUNT, new BigDecimal("5.00"))
                .set(CREDIT_NOTE.REASON, "committed, its invoice row not yet read")
                .set(CREDIT_NOTE.ISSUED_AT, OffsetDateTime.parse("2026-05-04T00:00:00Z"))
                .execute();

        JsonNode view = invoiceView(invoice);
        assertThat(Amounts.of(view.path("credited"))).isEqualTo("10.00 EUR");
        assertThat(view.path("creditNotes").valueStream().map(note -> note.path("id").asString()))
                .containsExactly("cn-1");
    }

    @Test
    void aPrepaidInvoiceShowsTheCreditsAppliedAndLabelsLateUsage() {
        String account = openAccount(BillingMode.PREPAID);
        List<InvoiceLine> lines = List.of(
                line(Meter.CPU, "720", PriceUnit.CORE_HOUR, "0.05", "36.000000000000", "36.00", false),
                line(Meter.CPU, "66", PriceUnit.CORE_HOUR, "0.05", "3.300000000000", "3.30", true));
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.PREPAID, lines, "30.00");
        finalizeInvoice(invoice, "2026-000046");

        JsonNode view = awaitInvoice(invoice, "FINALIZED");
        assertThat(lines(view)).containsExactly(
                "cpu seed-004 720 core-hour 0.05 36 36.00 EUR",
                "cpu seed-004 66 core-hour 0.05 3.3 3.30 EUR adjustment: late usage from an earlier period");
        assertThat(Amounts.of(view.path("subtotal"))).isEqualTo("39.30 EUR");
        assertThat(Amounts.of(view.path("creditsApplied"))).isEqualTo("30.00 EUR");
        assertThat(Amounts.of(view.path("total"))).isEqualTo("9.30 EUR");
        assertThat(view.has("stripe")).as("only postpaid invoices go to Stripe").isFalse();
    }

    @Test
    void billingHistoryIsPagedNewestPeriodFirst() {
        String account = openAccount(BillingMode.POSTPAID);
        String otherAccount = openAccount(BillingMode.POSTPAID);
        InvoiceId march = draft(account, at("2026-03-01T00:00:00Z"), APRIL, BillingMode.POSTPAID, seed004Lines(), "0");
        InvoiceId january = draft(account, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"),
                BillingMode.POSTPAID, seed004Lines(), "0");
        InvoiceId april = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        InvoiceId february = draft(account, at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z"),
                BillingMode.POSTPAID, seed004Lines(), "0");
        draft(otherAccount, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        String history = "/api/v1/accounts/" + account + "/invoices";

        eventually().until(() -> api.get(history).body().path("total").asInt() == 4);
        JsonNode first = api.get(history + "?page=0&size=3").body();
        assertThat(ids(first)).containsExactly(april.value(), march.value(), february.value());
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(3);
        assertThat(first.path("total").asInt()).isEqualTo(4);
        assertThat(ids(api.get(history + "?page=1&size=3").body())).containsExactly(january.value());
        assertThat(lines(first.path("items").get(0))).as("each item is the whole invoice").hasSize(4);
        assertThat(first.path("items").get(0)).isEqualTo(invoiceView(april));

        String newAccount = openAccount(BillingMode.PREPAID);
        JsonNode none = api.get("/api/v1/accounts/" + newAccount + "/invoices").body();
        assertThat(none.path("items").isEmpty()).isTrue();
        assertThat(none.path("total").asInt()).isZero();
    }

    @Test
    void unknownAccountsAndInvoicesAreNotFoundAndBadPagesAreRefused() {
        String account = openAccount(BillingMode.POSTPAID);

        assertProblem(api.get("/api/v1/accounts/" + uniqueId("missing") + "/invoices"), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/invoices/" + uniqueId("missing")), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/" + account + "/invoices?size=501"), 400, "VALIDATION_ERROR");
        assertProblem(api.get("/api/v1/accounts/" + account + "/invoices?page=-1"), 400, "VALIDATION_ERROR");
    }

    @Test
    void invoicesReplayToTheSameAnswers() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId paid = fullHistory(account);
        InvoiceId draft = draft(account, at("2026-03-01T00:00:00Z"), APRIL, BillingMode.POSTPAID, seed004Lines(), "0");
        String history = "/api/v1/accounts/" + account + "/invoices";
        eventually().until(() -> "PAID".equals(invoiceView(paid).path("status").asString())
                && api.get(history).body().path("total").asInt() == 2);
        JsonNode paidView = invoiceView(paid);
        JsonNode draftView = invoiceView(draft);
        JsonNode historyView = api.get(history).body();

        // Spoil the read model: a replay must start from empty tables, not write over what is there.
        db.update(INVOICE).set(INVOICE.STATUS, "DRAFT").set(INVOICE.CREDITED, BigDecimal.ZERO)
                .where(INVOICE.ACCOUNT_ID.eq(account)).execute();
        db.update(INVOICE_LINE).set(INVOICE_LINE.QUANTITY, BigDecimal.ZERO)
                .where(INVOICE_LINE.INVOICE_ID.eq(paid.value())).execute();
        db.deleteFrom(CREDIT_NOTE).where(CREDIT_NOTE.INVOICE_ID.eq(paid.value())).execute();

        ReadModels.replay(processing, InvoiceProjection.PROCESSING_GROUP);

        eventually().untilAsserted(() -> {
            assertThat(invoiceView(paid)).isEqualTo(paidView);
            assertThat(invoiceView(draft)).isEqualTo(draftView);
            assertThat(api.get(history).body()).isEqualTo(historyView);
        });
    }

    @Test
    void redeliveredEventsChangeNothing() {
        String account = openAccount(BillingMode.POSTPAID);
        InvoiceId invoice = fullHistory(account);
        eventually().until(() -> "PAID".equals(invoiceView(invoice).path("status").asString()));
        JsonNode before = invoiceView(invoice);
        assertThat(Amounts.of(before.path("credited"))).isEqualTo("10.00 EUR");

        Redelivery.redeliver(projection, eventStorage, transactions, invoice.aggregateId());

        assertThat(invoiceView(invoice)).isEqualTo(before);
    }

    // --- events, as the Invoice aggregate appends them

    /** Drafted, finalized, sent to Stripe, credited 10.00, paid: every kind of event an invoice has but a void. */
    private InvoiceId fullHistory(String account) {
        InvoiceId invoice = draft(account, APRIL, MAY, BillingMode.POSTPAID, seed004Lines(), "0");
        finalizeInvoice(invoice, "2026-000047");
        onInvoice(invoice, new InvoiceSentToStripe(invoice, AccountId.of(account), "in_replay",
                at("2026-05-01T06:00:05Z")));
        creditNote(invoice, account, "cn-1", "10.00", "cluster outage");
        onInvoice(invoice, new InvoicePaymentFailed(invoice, AccountId.of(account), at("2026-05-03T09:00:00Z"),
                "card_declined"));
        onInvoice(invoice, new InvoicePaid(invoice, AccountId.of(account), Money.of("36.70", "EUR"),
                at("2026-05-05T09:00:00Z"), "pi_replay"));
        return invoice;
    }

    /** A draft whose total is its lines' rounded amounts less {@code creditsApplied}. */
    private InvoiceId draft(String account, Instant periodStart, Instant periodEnd, BillingMode billingMode,
                            List<InvoiceLine> lines, String creditsApplied) {
        InvoiceId invoice = InvoiceId.of(uniqueId("inv"));
        Money subtotal = lines.stream().map(InvoiceLine::amount).reduce(Money.zero(lines.getFirst()
                .amount().currency()), Money::plus);
        Money credits = new Money(new BigDecimal(creditsApplied), subtotal.currency());
        InvoiceDrafted drafted = new InvoiceDrafted(invoice, AccountId.of(account), periodStart, periodEnd,
                billingMode, lines, subtotal, credits, subtotal.minus(credits), periodEnd);
        drafts.put(invoice, drafted);
        onInvoice(invoice, drafted);
        return invoice;
    }

    /** Finalized as the aggregate finalizes a draft: its account, billing mode and total, with a number. */
    private void finalizeInvoice(InvoiceId invoice, String number) {
        InvoiceDrafted drafted = drafts.get(invoice);
        onInvoice(invoice, new InvoiceFinalized(invoice, drafted.accountId(), number, drafted.billingMode(),
                drafted.total(), FINALIZED_AT, DUE_AT));
    }

    private void creditNote(InvoiceId invoice, String account, String creditNoteId, String amount, String reason) {
        onInvoice(invoice, new CreditNoteIssued(invoice, AccountId.of(account), creditNoteId, BillingMode.POSTPAID,
                Money.of(amount, "EUR"), reason, at("2026-05-04T00:00:00Z")));
    }

    private void onInvoice(InvoiceId invoice, Object payload) {
        events.append("Invoice", invoice.aggregateId(), payload);
    }

    /**
     * Seed 004's month of one container at seed 004's rates, rated hour by hour at 12 decimals: storage at 0.10 a
     * GB-day is 0.004166666667 an hour, so its exact sum is a little over 3.00 and rounds to it once.
     */
    private static List<InvoiceLine> seed004Lines() {
        return List.of(
                line(Meter.CPU, "720", PriceUnit.CORE_HOUR, "0.05", "36.000000000000", "36.00", false),
                line(Meter.MEMORY, "1440", PriceUnit.GB_HOUR, "0.005", "7.200000000000", "7.20", false),
                line(Meter.STORAGE, "30", PriceUnit.GB_DAY, "0.10", "3.000000000240", "3.00", false),
                line(Meter.EGRESS, "50", PriceUnit.GB, "0.01", "0.500000000000", "0.50", false));
    }

    private static InvoiceLine line(Meter meter, String quantity, PriceUnit unit, String rate, String exactAmount,
                                    String amount, boolean adjustment) {
        return new InvoiceLine(meter, SEED_004, new BigDecimal(quantity), unit, new BigDecimal(rate),
                new BigDecimal(exactAmount), Money.of(amount, "EUR"), adjustment);
    }

    // --- reading the API

    private String openAccount(BillingMode billingMode) {
        String id = uniqueId("acc");
        Api.Response created = api.post("/api/v1/accounts", """
                {"id":"%s","email":"billing@%s.example","name":"Invoiced","currency":"EUR","billingMode":"%s"}
                """.formatted(id, id, billingMode));
        assertThat(created.status()).isEqualTo(201);
        eventually().until(() -> api.get("/api/v1/accounts/" + id + "/balance").status() == 200);
        return id;
    }

    private JsonNode invoiceView(InvoiceId invoice) {
        return api.get("/api/v1/invoices/" + invoice.value()).body();
    }

    private JsonNode awaitInvoice(InvoiceId invoice, String status) {
        eventually().until(() -> status.equals(invoiceView(invoice).path("status").asString()));
        return invoiceView(invoice);
    }

    /** Each line as "meter environment quantity unit rate exactAmount amount [adjustment: label]". */
    private static List<String> lines(JsonNode invoice) {
        return invoice.path("lines").valueStream()
                .map(line -> String.join(" ", line.path("meter").asString(), line.path("environmentId").asString(),
                        line.path("quantity").asString(), line.path("unit").asString(),
                        line.path("rate").asString(), line.path("exactAmount").asString(),
                        Amounts.of(line.path("amount")))
                        + (line.path("adjustment").asBoolean() ? " adjustment: " + line.path("label").asString() : ""))
                .toList();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("id").asString()).toList();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.raw().uri()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asString()).isEqualTo(code);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** As the Stripe integration queues an invoice's push: a db-scheduler execution, here due only in year 2999. */
    private void queueStripePush(InvoiceId invoice) {
        db.insertInto(SCHEDULED_TASKS)
                .set(SCHEDULED_TASKS.TASK_NAME, "stripe-invoice")
                .set(SCHEDULED_TASKS.TASK_INSTANCE, invoice.value())
                .set(SCHEDULED_TASKS.EXECUTION_TIME, OffsetDateTime.parse("2999-01-01T00:00:00Z"))
                .set(SCHEDULED_TASKS.PICKED, false)
                .set(SCHEDULED_TASKS.VERSION, 1L)
                .execute();
    }
}
