package dev.tally.query.audit.offline;

import dev.tally.api.Money;
import dev.tally.api.audit.LedgerChain;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.Posting;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.Rate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes a ledger export ({@code tally-ledger-export/1}, as {@code GET /audit/.../ledger.json} writes it) without
 * a database: each account's balance and ledger accounts from the postings, the trial balance per currency, every
 * usage charge re-rated with {@link Rate#amountFor}, every invoice re-rounded and re-totalled from the charges
 * behind it, and the hash chain redone with {@link LedgerChain#hash}. It also checks the export's figures against
 * each event's stored payload, which is what the chain protects. Reads the export event by event; memory holds one
 * event and per account its running figures and the charges of its open period.
 */
public final class LedgerRecomputation {

    /** The export format read here, and written by the exports; a new version when a field changes its meaning. */
    public static final String FORMAT = "tally-ledger-export/1";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Reads the events one at a time from the export's stream: the rest of the export follows each. */
    private static final JsonMapper EVENTS = JSON.rebuild()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, Ledger> ledgers = new LinkedHashMap<>();
    private final Map<String, BigDecimal[]> trialBalance = new TreeMap<>();
    private final List<Difference> differences = new ArrayList<>();
    private String format;
    private String exportedAt;
    private long events;

    private LedgerRecomputation() {
    }

    /** Recomputes the export in {@code file}. */
    public static Recomputation recompute(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return recompute(in);
        }
    }

    /**
     * Recomputes the export read from {@code in}.
     *
     * @throws UnreadableExport when it is not a ledger export this version can read
     */
    public static Recomputation recompute(InputStream in) {
        LedgerRecomputation recomputation = new LedgerRecomputation();
        try (JsonParser parser = EVENTS.createParser(in)) {
            recomputation.read(parser);
        } catch (JacksonException e) {
            throw new UnreadableExport("not a ledger export: " + e.getOriginalMessage(), e);
        }
        return recomputation.result();
    }

    private void read(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new UnreadableExport("not a ledger export: it is not a JSON object");
        }
        boolean sawEvents = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "format" -> {
                    format = parser.getString();
                    if (!FORMAT.equals(format)) {
                        throw new UnreadableExport("the export's format is " + format + ", not " + FORMAT);
                    }
                }
                case "exportedAt" -> exportedAt = parser.getString();
                case "events" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UnreadableExport("events is not a list");
                    }
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        event(EVENTS.readTree(parser));
                    }
                    sawEvents = true;
                }
                default -> parser.skipChildren();
            }
        }
        if (format == null || !sawEvents) {
            throw new UnreadableExport("not a ledger export: it has no format or no events");
        }
    }

    private void event(JsonNode event) {
        events++;
        String accountId = required(event, "accountId");
        Ledger ledger = ledgers.computeIfAbsent(accountId, Ledger::new);
        At at = new At(required(event, "eventId"), accountId, event.path("sequence").asLong(-1));
        sequence(ledger, at);
        chain(ledger, event, at);
        JsonNode payload = payload(event, at);
        postings(ledger, event, payload, at);
        switch (required(event, "type")) {
            case "UsageCharged" -> usageCharged(ledger, event, payload, at);
            case "PeriodClosed" -> periodClosed(ledger, event, payload, at);
            default -> {
            }
        }
        ledger.events++;
        ledger.lastSequence = at.sequence();
    }

    /** An account's events follow each other from 0: a gap is an event left out of the export. */
    private void sequence(Ledger ledger, At at) {
        long expected = ledger.events == 0 ? 0 : ledger.lastSequence + 1;
        if (at.sequence() != expected) {
            differ(at, "sequence (an event is missing or out of order)", Long.toString(at.sequence()),
                    Long.toString(expected));
        }
    }

    /**
     * Each event hashes to what it carries and names its predecessor's hash (the genesis for an account's first
     * event), as the chain check of the engine demands: an event without a hash is a difference too.
     */
    private void chain(Ledger ledger, JsonNode event, At at) {
        String previous = text(event, "previousHash");
        String hash = text(event, "hash");
        if (hash == null) {
            differ(at, "hash", null, "a hash");
            ledger.lastHash = null;
            return;
        }
        String expectedPrevious = at.sequence() == 0 ? LedgerChain.GENESIS : ledger.lastHash;
        if (expectedPrevious != null && !expectedPrevious.equals(previous)) {
            differ(at, "previousHash", previous, expectedPrevious);
        }
        String recomputed = LedgerChain.hash(previous == null ? LedgerChain.GENESIS : previous, at.eventId(),
                required(event, "aggregateId"), at.sequence(), Instant.parse(required(event, "recordedAt"))
                        .toEpochMilli(), required(event, "payloadType"),
                required(event, "payload").getBytes(StandardCharsets.UTF_8));
        if (!recomputed.equals(hash)) {
            differ(at, "hash", hash, recomputed);
        }
        ledger.lastHash = hash;
        ledger.hashedEvents++;
    }

    private JsonNode payload(JsonNode event, At at) {
        try {
            return JSON.readTree(required(event, "payload"));
        } catch (JacksonException e) {
            throw new UnreadableExport("event " + at.eventId() + ": its payload is not JSON", e);
        }
    }

    /**
     * The postings as the export states them, each checked against the payload's and against the balance after it;
     * the balance is changed by {@link Posting#customerCreditChange()}, the engine's one rule.
     */
    private void postings(Ledger ledger, JsonNode event, JsonNode payload, At at) {
        List<JsonNode> stated = list(event.path("postings"));
        List<JsonNode> inPayload = payloadPostings(payload);
        if (stated.size() != inPayload.size()) {
            differ(at, "number of postings (payload)", Integer.toString(stated.size()),
                    Integer.toString(inPayload.size()));
        }
        for (int index = 0; index < stated.size(); index++) {
            JsonNode posting = stated.get(index);
            String which = "posting " + index;
            BigDecimal amount = decimal(posting, "amount", at);
            String currency = required(posting, "currency");
            LedgerAccount debit = ledgerAccount(posting, "debit", at);
            LedgerAccount credit = ledgerAccount(posting, "credit", at);
            if (index < inPayload.size()) {
                JsonNode original = inPayload.get(index);
                same(at, which + " amount (payload)", amount, original.path("amount").path("amount"));
                sameText(at, which + " debit (payload)", text(posting, "debit"), text(original, "debit"));
                sameText(at, which + " credit (payload)", text(posting, "credit"), text(original, "credit"));
                sameText(at, which + " currency (payload)", currency, text(original.path("amount"), "currency"));
            }
            ledger.currency(currency, at, this);
            BigDecimal[] trial = trialBalance.computeIfAbsent(currency,
                    code -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            if (debit != null) {
                ledger.totals(debit.name())[0] = ledger.totals(debit.name())[0].add(amount);
                trial[0] = trial[0].add(amount);
            }
            if (credit != null) {
                ledger.totals(credit.name())[1] = ledger.totals(credit.name())[1].add(amount);
                trial[1] = trial[1].add(amount);
            }
            BigDecimal change = debit == null || credit == null ? BigDecimal.ZERO
                    : new Posting(debit, credit, new Money(amount, Currency.getInstance(currency)))
                    .customerCreditChange();
            ledger.balance = ledger.balance.add(change);
            ledger.postings++;
            // Each balance after follows from the one stated before it, so a wrong figure is named once, where it
            // is; the account's balance from all its postings is checked against the last one at the end.
            BigDecimal balanceAfter = decimal(posting, "balanceAfter", at);
            BigDecimal expected = ledger.statedBalance.add(change);
            if (balanceAfter.compareTo(expected) != 0) {
                differ(at, which + " balanceAfter", plain(balanceAfter), plain(expected));
            }
            ledger.statedBalance = balanceAfter;
        }
    }

    /** A usage charge: each line re-rated from its quantity and price, their sum the total, the postings its sum. */
    private void usageCharged(Ledger ledger, JsonNode event, JsonNode payload, At at) {
        List<JsonNode> lines = list(event.path("lines"));
        List<JsonNode> payloadLines = list(payload.path("lines"));
        if (lines.size() != payloadLines.size()) {
            differ(at, "number of lines (payload)", Integer.toString(lines.size()),
                    Integer.toString(payloadLines.size()));
        }
        RoundingMode rounding = RoundingMode.valueOf(required(event, "rounding"));
        Instant from = Instant.parse(required(event, "from"));
        String environmentId = required(event, "environmentId");
        Charge charge = new Charge(from, decimal(event, "uncollected", at), new ArrayList<>());
        BigDecimal sum = BigDecimal.ZERO;
        for (int index = 0; index < lines.size(); index++) {
            JsonNode line = lines.get(index);
            String meterName = required(line, "meter");
            String which = "line " + index + " (" + meterName + ")";
            BigDecimal quantity = decimal(line, "quantity", at);
            BigDecimal price = decimal(line, "price", at);
            BigDecimal amount = decimal(line, "amount", at);
            PriceUnit unit = PriceUnit.fromWireName(required(line, "priceUnit"));
            if (index < payloadLines.size()) {
                JsonNode original = payloadLines.get(index);
                same(at, which + " quantity (payload)", quantity, original.path("quantity"));
                same(at, which + " price (payload)", price, original.path("price"));
                same(at, which + " amount (payload)", amount, original.path("amount"));
            }
            if (unit == null) {
                differ(at, which + " price unit", required(line, "priceUnit"), "a known unit");
                sum = sum.add(amount);
                continue;
            }
            Meter meter = Meter.valueOf(meterName.toUpperCase(Locale.ROOT));
            BigDecimal rated = new Rate(meter, unit, price, null).amountFor(quantity);
            if (rated.compareTo(amount) != 0) {
                differ(at, which + " amount (" + plain(quantity) + " " + text(line, "unit") + " at "
                        + plain(price) + "/" + unit.wireName() + ")", plain(amount), plain(rated));
            }
            sum = sum.add(rated);
            charge.lines().add(new ChargeLine(new LineKey(meter, environmentId, unit, price.stripTrailingZeros()),
                    rounding, rated));
        }
        BigDecimal total = decimal(event, "total", at);
        same(at, "total (payload)", total, payload.path("amount").path("amount"));
        same(at, "uncollected (payload)", charge.uncollected(), payload.path("uncollected").path("amount"));
        if (sum.compareTo(total) != 0) {
            differ(at, "total (sum of the lines)", plain(total), plain(sum));
        }
        BigDecimal posted = list(event.path("postings")).stream().map(posting -> decimal(posting, "amount", at))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (posted.compareTo(sum) != 0) {
            differ(at, "postings (their sum is the charge)", plain(posted), plain(sum));
        }
        ledger.usageCharges++;
        ledger.usageCharged = ledger.usageCharged.add(sum);
        ledger.open.add(charge);
    }

    /**
     * A closed period's invoice, by the engine's rules: the charges of the periods it closes (those from before its
     * end not invoiced yet) give each line's exact amount, rounded once to the currency's minor unit with the
     * rounding mode of the price book version they were rated with; the subtotal is the rounded lines' sum; a
     * postpaid invoice is due in full, a prepaid one only up to what its charges left uncollected (rounded half-even),
     * the rest being paid by credits.
     */
    private void periodClosed(Ledger ledger, JsonNode event, JsonNode payload, At at) {
        String currency = required(event, "currency");
        int digits = new Money(BigDecimal.ZERO, Currency.getInstance(currency)).minorUnitDigits();
        Instant periodEnd = Instant.parse(required(event, "periodEnd"));
        Map<LineKey, BigDecimal> chargedExact = new HashMap<>();
        Map<LineKey, Set<RoundingMode>> roundings = new HashMap<>();
        BigDecimal uncollected = BigDecimal.ZERO;
        for (Iterator<Charge> open = ledger.open.iterator(); open.hasNext(); ) {
            Charge charge = open.next();
            if (charge.from().isBefore(periodEnd)) {
                open.remove();
                uncollected = uncollected.add(charge.uncollected());
                for (ChargeLine line : charge.lines()) {
                    chargedExact.merge(line.key(), line.amount(), BigDecimal::add);
                    roundings.computeIfAbsent(line.key(), key -> EnumSet.noneOf(RoundingMode.class))
                            .add(line.rounding());
                }
            }
        }
        List<JsonNode> lines = list(event.path("lines"));
        List<JsonNode> payloadLines = list(payload.path("lines"));
        if (lines.size() != payloadLines.size()) {
            differ(at, "number of invoice lines (payload)", Integer.toString(lines.size()),
                    Integer.toString(payloadLines.size()));
        }
        Map<LineKey, BigDecimal> invoicedExact = new LinkedHashMap<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int index = 0; index < lines.size(); index++) {
            JsonNode line = lines.get(index);
            String which = "invoice line " + index + " (" + required(line, "meter") + ", "
                    + required(line, "environmentId") + ")";
            BigDecimal exact = decimal(line, "exactAmount", at);
            BigDecimal amount = decimal(line, "amount", at);
            BigDecimal rate = decimal(line, "rate", at);
            if (index < payloadLines.size()) {
                JsonNode original = payloadLines.get(index);
                same(at, which + " exact amount (payload)", exact, original.path("exactAmount"));
                same(at, which + " amount (payload)", amount, original.path("amount").path("amount"));
                same(at, which + " rate (payload)", rate, original.path("rate"));
            }
            PriceUnit unit = PriceUnit.fromWireName(required(line, "unit"));
            LineKey key = new LineKey(Meter.valueOf(required(line, "meter").toUpperCase(Locale.ROOT)),
                    required(line, "environmentId"), unit, rate.stripTrailingZeros());
            invoicedExact.merge(key, exact, BigDecimal::add);
            BigDecimal rounded = rounded(exact, digits, roundings.getOrDefault(key, Set.of()), amount);
            if (rounded.compareTo(amount) != 0) {
                differ(at, which + " amount (" + plain(exact) + " rounded)", plain(amount), plain(rounded));
            }
            subtotal = subtotal.add(rounded);
        }
        for (LineKey key : union(invoicedExact.keySet(), chargedExact.keySet())) {
            BigDecimal invoiced = invoicedExact.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal charged = chargedExact.getOrDefault(key, BigDecimal.ZERO);
            if (invoiced.compareTo(charged) != 0) {
                differ(at, "invoice lines for " + key + " (exact amount against the charges behind them)",
                        plain(invoiced), plain(charged));
            }
        }
        BigDecimal total = "POSTPAID".equals(required(event, "billingMode")) ? subtotal
                : uncollected.setScale(digits, RoundingMode.HALF_EVEN).min(subtotal);
        BigDecimal creditsApplied = subtotal.subtract(total);
        for (String name : List.of("subtotal", "creditsApplied", "total")) {
            BigDecimal stated = decimal(event, name, at);
            same(at, name + " (payload)", stated, payload.path(name).path("amount"));
            BigDecimal recomputed = switch (name) {
                case "subtotal" -> subtotal;
                case "creditsApplied" -> creditsApplied;
                default -> total;
            };
            if (stated.compareTo(recomputed) != 0) {
                differ(at, name, plain(stated), plain(recomputed));
            }
        }
        ledger.invoices.add(new AccountFigures.InvoiceFigures(text(event, "invoiceId"), text(event, "periodStart"),
                text(event, "periodEnd"), lines.size(), subtotal, creditsApplied, total));
    }

    /**
     * An invoice line's exact amount rounded with the rounding mode of the charges behind it. InvoiceLine does not
     * carry its mode: when the export has no charge behind the line, or charges rated with several modes, any of
     * those modes (any at all without charges) that gives the stated amount is taken.
     */
    private static BigDecimal rounded(BigDecimal exact, int digits, Set<RoundingMode> modes, BigDecimal stated) {
        Set<RoundingMode> candidates = modes.isEmpty()
                ? EnumSet.complementOf(EnumSet.of(RoundingMode.UNNECESSARY)) : modes;
        BigDecimal first = null;
        for (RoundingMode mode : candidates) {
            // a book rounding UNNECESSARY could not have rounded an inexact line: half-even stands in to compare
            BigDecimal rounded = exact.setScale(digits, mode == RoundingMode.UNNECESSARY ? RoundingMode.HALF_EVEN
                    : mode);
            if (rounded.compareTo(stated) == 0) {
                return rounded;
            }
            first = first == null ? rounded : first;
        }
        return first;
    }

    private Recomputation result() {
        List<AccountFigures> accounts = new ArrayList<>();
        for (Ledger ledger : ledgers.values()) {
            if (ledger.statedBalance.compareTo(ledger.balance) != 0) {
                differences.add(new Difference(null, ledger.accountId, null,
                        "balance (the last balanceAfter against the sum of all postings)",
                        plain(ledger.statedBalance), plain(ledger.balance)));
            }
            Map<String, AccountFigures.LedgerTotals> totals = new TreeMap<>();
            ledger.ledgerAccounts.forEach((name, sums) ->
                    totals.put(name, new AccountFigures.LedgerTotals(sums[0], sums[1])));
            accounts.add(new AccountFigures(ledger.accountId, ledger.currency, ledger.events, ledger.postings,
                    ledger.balance, totals, ledger.usageCharges, ledger.usageCharged, List.copyOf(ledger.invoices),
                    ledger.hashedEvents));
        }
        Map<String, AccountFigures.LedgerTotals> trial = new TreeMap<>();
        trialBalance.forEach((currency, sums) -> {
            trial.put(currency, new AccountFigures.LedgerTotals(sums[0], sums[1]));
            if (sums[0].compareTo(sums[1]) != 0) {
                differences.add(new Difference(null, null, null, "trial balance in " + currency
                        + " (debits less credits)", null, plain(sums[0].subtract(sums[1]))));
            }
        });
        return new Recomputation(format, exportedAt, events, accounts, trial, List.copyOf(differences));
    }

    private static List<JsonNode> payloadPostings(JsonNode payload) {
        if (payload.path("postings").isArray()) {
            return list(payload.path("postings"));
        }
        if (payload.has("debit") && payload.has("credit") && payload.path("amount").isObject()) {
            return List.of(payload);
        }
        return List.of();
    }

    private LedgerAccount ledgerAccount(JsonNode posting, String side, At at) {
        String name = text(posting, side);
        try {
            return LedgerAccount.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            differ(at, "posting " + text(posting, "posting") + " " + side + " account", name, "a ledger account");
            return null;
        }
    }

    private void same(At at, String what, BigDecimal stated, JsonNode original) {
        BigDecimal inPayload = original.isNumber() ? original.decimalValue()
                : original.isString() ? new BigDecimal(original.asString()) : null;
        if (inPayload == null || inPayload.compareTo(stated) != 0) {
            differ(at, what, plain(stated), inPayload == null ? null : plain(inPayload));
        }
    }

    private void sameText(At at, String what, String stated, String original) {
        if (!Objects.equals(stated, original)) {
            differ(at, what, stated, original);
        }
    }

    void differ(At at, String what, String stated, String recomputed) {
        differences.add(new Difference(at.eventId(), at.accountId(), at.sequence(), what, stated, recomputed));
    }

    private static BigDecimal decimal(JsonNode node, String name, At at) {
        String text = text(node, name);
        if (text == null) {
            throw new UnreadableExport("event " + at.eventId() + " has no " + name);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new UnreadableExport("event " + at.eventId() + ": " + name + " is not a number: " + text, e);
        }
    }

    private static String required(JsonNode node, String name) {
        String text = text(node, name);
        if (text == null) {
            throw new UnreadableExport("an event has no " + name + ": " + abbreviated(node));
        }
        return text;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static <T> Set<T> union(Set<T> one, Set<T> other) {
        Set<T> both = new LinkedHashSet<>(one);
        both.addAll(other);
        return both;
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The event a figure is on. */
    record At(String eventId, String accountId, long sequence) {
    }

    /** An invoice line's identity: a meter of an environment at one price. */
    private record LineKey(Meter meter, String environmentId, PriceUnit unit, BigDecimal price) {

        @Override
        public String toString() {
            return meter.name().toLowerCase(Locale.ROOT) + " of " + environmentId + " at " + plain(price) + "/"
                    + (unit == null ? "?" : unit.wireName());
        }
    }

    /** A usage charge not invoiced yet: its window's start, what it left uncollected, its lines re-rated. */
    private record Charge(Instant from, BigDecimal uncollected, List<ChargeLine> lines) {
    }

    private record ChargeLine(LineKey key, RoundingMode rounding, BigDecimal amount) {
    }

    /** One account's running figures. */
    private static final class Ledger {

        private final String accountId;
        private final Map<String, BigDecimal[]> ledgerAccounts = new TreeMap<>();
        private final List<AccountFigures.InvoiceFigures> invoices = new ArrayList<>();
        private final List<Charge> open = new ArrayList<>();
        private String currency;
        private long events;
        private long lastSequence = -1;
        private long postings;
        private long usageCharges;
        private long hashedEvents;
        private BigDecimal balance = BigDecimal.ZERO;
        /** The last balance after that the export states. */
        private BigDecimal statedBalance = BigDecimal.ZERO;
        private BigDecimal usageCharged = BigDecimal.ZERO;
        private String lastHash;

        Ledger(String accountId) {
            this.accountId = accountId;
        }

        BigDecimal[] totals(String ledgerAccount) {
            return ledgerAccounts.computeIfAbsent(ledgerAccount,
                    name -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        }

        /** An account's ledger is in one currency. */
        void currency(String code, At at, LedgerRecomputation recomputation) {
            if (currency == null) {
                currency = code;
            } else if (!currency.equals(code)) {
                recomputation.differ(at, "currency", code, currency);
            }
        }
    }
}
