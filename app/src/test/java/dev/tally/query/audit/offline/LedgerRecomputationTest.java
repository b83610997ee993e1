package dev.tally.query.audit.offline;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.BillingMode;
import dev.tally.api.audit.LedgerChain;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.CreditsRefunded;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.GrantUse;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.Posting;
import dev.tally.api.credits.UsageCharged;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.Rate;
import dev.tally.query.audit.LedgerExportFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline recomputation on small exports written by the export's own writer: a consistent ledger recomputes to
 * its own figures, and each kind of wrong figure (a balance, a rating, an invoice total, the trial balance, the
 * hash chain) is named with the event it is on.
 */
class LedgerRecomputationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final AccountId PREPAID = AccountId.of("acc-prepaid");
    private static final AccountId POSTPAID = AccountId.of("acc-postpaid");
    private static final EnvironmentId ENVIRONMENT = EnvironmentId.of("env-1");
    private static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");
    private static final Rate CPU = new Rate(Meter.CPU, PriceUnit.CORE_HOUR, new BigDecimal("0.05"), null);
    private static final Rate EGRESS = new Rate(Meter.EGRESS, PriceUnit.GB, new BigDecimal("0.01"), null);

    /** Event ids of the ledger written by {@link #history}, in order. */
    private final List<String> ids = new ArrayList<>();

    /**
     * A prepaid account buying 100.00, given 5.00, charged 1.50 and refunded 10.00 (balance 93.50); a postpaid one
     * charged 1.50 and 0.125 (rated half-up) whose June closes into an invoice of 1.50 + 0.13 = 1.63.
     */
    private byte[] history(LedgerExportFixture ledger, Consumer<List<Object>> change) {
        List<Object> events = new ArrayList<>(List.of(
                new CreditLedgerOpened(PREPAID, EUR, BillingMode.PREPAID),
                grant("bought", GrantKind.PURCHASE, "100.00", LedgerAccount.CASH),
                grant("welcome", GrantKind.ADMIN, "5.00", LedgerAccount.GRANTS_EXPENSE),
                charge(PREPAID, "usage-1", JUNE.plusSeconds(36_000), RoundingMode.HALF_EVEN,
                        LedgerAccount.CUSTOMER_CREDIT, line(CPU, 20 * 3_600), line(EGRESS, 50_000_000_000L)),
                new CreditsRefunded(PREPAID, "refund-1", "bought", money("10.00"), "changed plans",
                        JUNE.plusSeconds(40_000), LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.CASH),
                new CreditLedgerOpened(POSTPAID, EUR, BillingMode.POSTPAID),
                charge(POSTPAID, "usage-2", JUNE.plusSeconds(36_000), RoundingMode.HALF_UP, LedgerAccount.RECEIVABLE,
                        line(CPU, 20 * 3_600), line(EGRESS, 50_000_000_000L)),
                charge(POSTPAID, "usage-3", JUNE.plusSeconds(72_000), RoundingMode.HALF_UP, LedgerAccount.RECEIVABLE,
                        line(CPU, 9_000)),
                charge(POSTPAID, "usage-4", JULY.plusSeconds(3_600), RoundingMode.HALF_UP, LedgerAccount.RECEIVABLE,
                        line(CPU, 3_600)),
                invoice("1.63", "0.00", "1.63")));
        change.accept(events);
        for (Object event : events) {
            AccountId account = event instanceof CreditLedgerOpened opened ? opened.accountId()
                    : event instanceof UsageCharged usage ? usage.accountId()
                    : event instanceof PeriodClosed period ? period.accountId() : PREPAID;
            ids.add(ledger.append(account.value(), event));
        }
        return ledger.export();
    }

    private byte[] history(LedgerExportFixture ledger) {
        return history(ledger, events -> {
        });
    }

    @Test
    void aConsistentExportRecomputesToItsOwnFigures() {
        Recomputation result = LedgerRecomputation.recompute(in(history(LedgerExportFixture.ledger())));

        assertThat(result.differences()).isEmpty();
        assertThat(result.matches()).isTrue();
        assertThat(result.events()).isEqualTo(10);
        AccountFigures prepaid = result.account(PREPAID.value()).orElseThrow();
        assertThat(prepaid.balance()).isEqualByComparingTo("93.50");
        assertThat(prepaid.postings()).isEqualTo(4);
        assertThat(prepaid.usageCharged()).isEqualByComparingTo("1.50");
        assertThat(prepaid.ledgerAccounts().get("CASH").debits()).isEqualByComparingTo("100.00");
        assertThat(prepaid.ledgerAccounts().get("CASH").credits()).isEqualByComparingTo("10.00");
        assertThat(prepaid.ledgerAccounts().get("CUSTOMER_CREDIT").balance()).isEqualByComparingTo("-93.50");
        assertThat(prepaid.hashedEvents()).as("every event's chain hash checks out").isEqualTo(5);

        AccountFigures postpaid = result.account(POSTPAID.value()).orElseThrow();
        assertThat(postpaid.balance()).isEqualByComparingTo("0");
        assertThat(postpaid.invoices()).singleElement().satisfies(invoice -> {
            assertThat(invoice.subtotal()).isEqualByComparingTo("1.63");
            assertThat(invoice.total()).isEqualByComparingTo("1.63");
            assertThat(invoice.creditsApplied()).isEqualByComparingTo("0");
        });
        assertThat(result.trialBalance().get("EUR").balance()).isEqualByComparingTo("0");
        assertThat(report(result)).contains("Account acc-prepaid (EUR)", "93.50", "balanced", "No differences.");
    }

    @Test
    void aPayloadChangedAfterItWasHashedIsNamedByItsHash() {
        ObjectNode export = tree(history(LedgerExportFixture.ledger()));
        ObjectNode purchase = event(export, 1);
        purchase.put("payload", tenfold(purchase.path("payload").asString()));

        Recomputation result = recompute(export);

        assertThat(result.differences()).extracting(Difference::eventId).containsOnly(ids.get(1));
        assertThat(result.differences()).extracting(Difference::what)
                .contains("hash", "posting 0 amount (payload)");
    }

    @Test
    void anEventRehashedAfterAChangeNoLongerLinksToItsSuccessor() {
        ObjectNode export = tree(history(LedgerExportFixture.ledger()));
        ObjectNode purchase = event(export, 1);
        String payload = tenfold(purchase.path("payload").asString());
        purchase.put("payload", payload);
        purchase.put("hash", LedgerChain.hash(purchase.path("previousHash").asString(),
                ids.get(1), PREPAID.ledgerId(), 1, Instant.parse(purchase.path("recordedAt").asString())
                        .toEpochMilli(), purchase.path("payloadType").asString(),
                payload.getBytes(StandardCharsets.UTF_8)));
        ((ObjectNode) purchase.path("postings").get(0)).put("amount", "1000.00");

        Recomputation result = recompute(export);

        assertThat(result.differences()).filteredOn(difference -> difference.what().equals("previousHash"))
                .extracting(Difference::eventId).containsExactly(ids.get(2));
        assertThat(result.differences()).extracting(Difference::what).doesNotContain("hash");
    }

    @Test
    void anEventStrippedOfItsHashesIsNamed() {
        ObjectNode export = tree(history(LedgerExportFixture.ledger()));
        event(export, 1).putNull("hash").putNull("previousHash");

        Recomputation result = recompute(export);

        assertThat(result.differences()).filteredOn(difference -> difference.what().equals("hash"))
                .extracting(Difference::eventId).containsExactly(ids.get(1));
    }

    @Test
    void anEventLeftOutOfTheExportIsAGapInTheSequenceAndTheChain() {
        ObjectNode export = tree(history(LedgerExportFixture.ledger()));
        ((ArrayNode) export.path("events")).remove(2);

        Recomputation result = recompute(export);

        assertThat(result.differences()).extracting(Difference::eventId).contains(ids.get(3));
        assertThat(result.differences()).extracting(Difference::what)
                .contains("sequence (an event is missing or out of order)", "previousHash");
    }

    @Test
    void aBalanceAfterThatIsNotTheRunningSumIsNamed() {
        ObjectNode export = tree(history(LedgerExportFixture.ledger()));
        ((ObjectNode) event(export, 4).path("postings").get(0)).put("balanceAfter", "95.50");

        Recomputation result = recompute(export);

        assertThat(result.differences()).hasSize(2);
        assertThat(result.differences().getFirst()).satisfies(difference -> {
            assertThat(difference.eventId()).isEqualTo(ids.get(4));
            assertThat(difference.what()).isEqualTo("posting 0 balanceAfter");
            assertThat(difference.stated()).isEqualTo("95.5");
            assertThat(difference.recomputed()).isEqualTo("93.5");
        });
        assertThat(result.differences().getLast()).satisfies(difference -> {
            assertThat(difference.eventId()).isNull();
            assertThat(difference.accountId()).isEqualTo(PREPAID.value());
            assertThat(difference.what()).startsWith("balance");
        });
        assertThat(report(result)).contains("Differences (2):", "event " + ids.get(4), "account acc-prepaid: balance");
    }

    @Test
    void aChargeLineNotRatedAtItsPriceIsNamed() {
        byte[] export = history(LedgerExportFixture.ledger(), events -> {
            UsageCharged usage = (UsageCharged) events.get(3);
            ChargeLine cpu = usage.lines().getFirst();
            events.set(3, new UsageCharged(usage.accountId(), usage.usageId(), usage.environmentId(), usage.from(),
                    usage.to(), usage.priceBookId(), usage.priceVersion(), usage.rounding(),
                    List.of(new ChargeLine(cpu.meter(), cpu.basis(), cpu.quantity(), cpu.unit(), cpu.priceUnit(),
                            cpu.price(), new BigDecimal("1.100000000000")), usage.lines().get(1)),
                    usage.amount(), usage.consumed(), usage.overdrawn(), usage.uncollected(), usage.accrued(),
                    usage.postings()));
        });

        Recomputation result = LedgerRecomputation.recompute(in(export));

        assertThat(result.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.eventId()).isEqualTo(ids.get(3));
            assertThat(difference.what()).startsWith("line 0 (cpu) amount (72000 core-second at 0.05/core-hour)");
            assertThat(difference.recomputed()).isEqualTo("1");
        });
    }

    @Test
    void anInvoiceWhoseTotalIsNotItsRoundedLinesIsNamed() {
        byte[] export = history(LedgerExportFixture.ledger(),
                events -> events.set(9, invoice("1.63", "0.00", "1.64")));

        Recomputation result = LedgerRecomputation.recompute(in(export));

        assertThat(result.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.eventId()).isEqualTo(ids.get(9));
            assertThat(difference.what()).isEqualTo("total");
            assertThat(difference.stated()).isEqualTo("1.64");
            assertThat(difference.recomputed()).isEqualTo("1.63");
        });
    }

    @Test
    void anInvoiceLineRoundedOtherwiseThanItsChargesIsNamed() {
        // 0.125 rounded half-even, though its charges were rated with a half-up price book
        byte[] export = history(LedgerExportFixture.ledger(), events -> events.set(9, new PeriodClosed(POSTPAID,
                InvoiceId.of("inv-june"), JUNE, JULY, BillingMode.POSTPAID, List.of(
                invoiceLine(Meter.CPU, "22.5", PriceUnit.CORE_HOUR, "0.05", "1.125000000000", "1.12"),
                invoiceLine(Meter.EGRESS, "50", PriceUnit.GB, "0.01", "0.500000000000", "0.50")),
                money("1.62"), money("0"), money("1.62"), JULY)));

        Recomputation result = LedgerRecomputation.recompute(in(export));

        assertThat(result.differences()).extracting(Difference::eventId).containsOnly(ids.get(9));
        assertThat(result.differences()).extracting(Difference::what).containsExactly(
                "invoice line 0 (cpu, env-1) amount (1.125 rounded)", "subtotal", "total");
    }

    @Test
    void aPostingWithoutItsCreditSideUnbalancesTheTrialBalance() {
        byte[] export = history(LedgerExportFixture.ledger(), events -> events.set(2,
                new CreditsGranted(PREPAID, "welcome", GrantKind.ADMIN, money("5.00"), JUNE, null, null,
                        LedgerAccount.GRANTS_EXPENSE, null)));

        Recomputation result = LedgerRecomputation.recompute(in(export));

        assertThat(result.trialBalance().get("EUR").balance()).isEqualByComparingTo("5.00");
        assertThat(result.differences()).extracting(Difference::what).contains(
                "posting 0 credit account", "trial balance in EUR (debits less credits)");
        assertThat(report(result)).contains("NOT BALANCED");
    }

    @Test
    void whatIsNotALedgerExportCannotBeRecomputed() {
        assertThatThrownBy(() -> LedgerRecomputation.recompute(in("[1, 2]".getBytes())))
                .isInstanceOf(UnreadableExport.class);
        assertThatThrownBy(() -> LedgerRecomputation.recompute(in("{\"format\":\"csv\",\"events\":[]}".getBytes())))
                .isInstanceOf(UnreadableExport.class).hasMessageContaining("format");
        assertThatThrownBy(() -> LedgerRecomputation.recompute(in("{\"format\":\"tally-ledger-export/1\",\"events\":[{"
                .getBytes()))).isInstanceOf(UnreadableExport.class);
    }

    /** The purchase's payload, buying 1000 instead of 100. */
    private static String tenfold(String payload) {
        String changed = payload.replace("\"amount\":100,", "\"amount\":1000,");
        assertThat(changed).isNotEqualTo(payload);
        return changed;
    }

    private static CreditsGranted grant(String grantId, GrantKind kind, String amount, LedgerAccount funding) {
        return new CreditsGranted(PREPAID, grantId, kind, money(amount), JUNE, null, null, funding,
                LedgerAccount.CUSTOMER_CREDIT);
    }

    /** A charge for an hour from {@code from}, paid from {@code debit}. */
    private static UsageCharged charge(AccountId account, String usageId, Instant from, RoundingMode rounding,
                                       LedgerAccount debit, ChargeLine... lines) {
        Money amount = money(List.of(lines).stream().map(ChargeLine::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add).toPlainString());
        boolean postpaid = debit == LedgerAccount.RECEIVABLE;
        return new UsageCharged(account, usageId, ENVIRONMENT, from, from.plusSeconds(3_600), PriceBookId.of("book"), 1,
                rounding, List.of(lines), amount, postpaid ? List.of() : List.of(new GrantUse("bought", amount)),
                money("0"), money("0"), postpaid ? amount : money("0"),
                List.of(new Posting(debit, LedgerAccount.REVENUE, amount)));
    }

    private static ChargeLine line(Rate rate, long baseQuantity) {
        BigDecimal quantity = BigDecimal.valueOf(baseQuantity);
        return new ChargeLine(rate.meter(), Basis.USAGE, quantity, rate.meter().baseUnit(), rate.unit(),
                rate.price(), rate.amountFor(quantity));
    }

    /** June's invoice of the postpaid account: 20 + 2.5 core-hours (1.125, half-up 1.13) and 50 GB (0.50). */
    private static PeriodClosed invoice(String subtotal, String creditsApplied, String total) {
        return new PeriodClosed(POSTPAID, InvoiceId.of("inv-june"), JUNE, JULY, BillingMode.POSTPAID, List.of(
                invoiceLine(Meter.CPU, "22.5", PriceUnit.CORE_HOUR, "0.05", "1.125000000000", "1.13"),
                invoiceLine(Meter.EGRESS, "50", PriceUnit.GB, "0.01", "0.500000000000", "0.50")),
                money(subtotal), money(creditsApplied), money(total), JULY);
    }

    private static InvoiceLine invoiceLine(Meter meter, String quantity, PriceUnit unit, String rate, String exact,
                                           String amount) {
        return new InvoiceLine(meter, ENVIRONMENT, new BigDecimal(quantity), unit, new BigDecimal(rate),
                new BigDecimal(exact), money(amount), false);
    }

    private static Money money(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    private static ByteArrayInputStream in(byte[] export) {
        return new ByteArrayInputStream(export);
    }

    private static ObjectNode tree(byte[] export) {
        return (ObjectNode) JSON.readTree(export);
    }

    private static ObjectNode event(ObjectNode export, int index) {
        return (ObjectNode) export.path("events").get(index);
    }

    private static Recomputation recompute(JsonNode export) {
        return LedgerRecomputation.recompute(in(JSON.writeValueAsBytes(export)));
    }

    private static String report(Recomputation result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.write(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
