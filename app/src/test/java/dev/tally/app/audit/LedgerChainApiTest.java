package dev.tally.app.audit;

import dev.tally.api.AccountId;
import dev.tally.api.audit.LedgerChain;
import dev.tally.app.axon.ChainingEventStorageEngine;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import dev.tally.query.audit.StoredEvent;
import dev.tally.query.audit.StoredEvents;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain over each account's ledger: set as events are appended, checked over the API against the event
 * store as stored, and broken by any hand edit of a stored event, which the check names.
 */
class LedgerChainApiTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    Serializer serializer;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    ConnectionProvider connectionProvider;

    @Autowired
    TransactionManager axonTransactions;

    private Api api;
    private JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        api = api();
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void eachLedgerEventCarriesItsPredecessorsHashAndTheChainChecks() {
        String account = accountWithGrantsAndARefund();

        List<StoredEvent> events = ledgerEvents(account);
        assertThat(events).hasSizeGreaterThanOrEqualTo(4);
        String previous = LedgerChain.GENESIS;
        for (StoredEvent event : events) {
            MetaData metaData = event.metaData(serializer);
            assertThat(metaData.get(LedgerChain.PREVIOUS_HASH)).as("event %d", event.sequence()).isEqualTo(previous);
            // hashed over the bytes as stored: the payload the engine wrote is the payload that was hashed
            assertThat(metaData.get(LedgerChain.HASH)).isEqualTo(LedgerChain.hash(previous, event.eventId(),
                    event.aggregateId(), event.sequence(), event.recordedAt().toEpochMilli(), event.payloadType(),
                    event.payload()));
            previous = (String) metaData.get(LedgerChain.HASH);
        }

        JsonNode chain = chain(account).body();
        assertThat(chain.path("valid").asBoolean()).isTrue();
        assertThat(chain.path("events").asInt()).isEqualTo(events.size());
        assertThat(chain.path("accountId").asString()).isEqualTo(account);
        assertThat(chain.has("firstBrokenEventId")).isFalse();
    }

    @Test
    void anAccountWithoutLedgerIsNotFound() {
        String nobody = uniqueId("nobody");
        Api.Response response = chain(nobody);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(response.body().path("detail").asString()).isEqualTo("no ledger for account " + nobody);
    }

    @Test
    void aPayloadChangedInTheDatabaseIsNamed() {
        String account = accountWithGrantsAndARefund();
        String purchase = eventId(account, "CreditsGranted", 0);

        int changed = jdbc.sql("""
                        UPDATE domainevententry
                        SET payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb,
                                                           '{amount,amount}', '1000')::text, 'UTF8')
                        WHERE eventidentifier = ?""")
                .param(purchase).update();
        assertThat(changed).isEqualTo(1);

        assertBrokenAt(account, purchase, "HASH_MISMATCH");
    }

    @Test
    void aCarriedHashChangedInTheDatabaseIsNamed() {
        String account = accountWithGrantsAndARefund();
        String refund = eventId(account, "CreditsRefunded", 0);

        int changed = jdbc.sql("""
                        UPDATE domainevententry
                        SET metadata = convert_to(jsonb_set(convert_from(metadata, 'UTF8')::jsonb,
                                                            '{ledgerHash}', to_jsonb(repeat('f', 64)))::text, 'UTF8')
                        WHERE eventidentifier = ?""")
                .param(refund).update();
        assertThat(changed).isEqualTo(1);

        assertBrokenAt(account, refund, "HASH_MISMATCH");
    }

    @Test
    void anEventDeletedFromTheMiddleIsFound() {
        String account = accountWithGrantsAndARefund();
        // the admin grant: nothing after it depends on it, so replaying read models over this ledger still works
        String adminGrant = eventId(account, "CreditsGranted", 1);
        List<StoredEvent> before = ledgerEvents(account);
        long deletedSequence = before.stream().filter(event -> event.eventId().equals(adminGrant)).findFirst()
                .orElseThrow().sequence();
        String successor = before.stream().filter(event -> event.sequence() == deletedSequence + 1).findFirst()
                .orElseThrow().eventId();

        assertThat(jdbc.sql("DELETE FROM domainevententry WHERE eventidentifier = ?").param(adminGrant).update())
                .isEqualTo(1);

        assertBrokenAt(account, successor, "SEQUENCE_GAP");
    }

    /**
     * An Axon unit of work that "commits" inside a Spring transaction that then rolls back, as separate units of work
     * joining one transaction would: had the engine remembered the head when the unit of work committed, its next
     * append would chain to the event that was never stored, once another engine on the same database (another
     * node) had stored an event at that sequence.
     */
    @Test
    void anAppendRolledBackLeavesNoHeadBehind() {
        String account = uniqueId("rolled-back");
        String ledger = AccountId.of(account).ledgerId();
        append(storage, ledger, 0, "stored");

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            DefaultUnitOfWork.startAndGet(null).execute(() -> append(storage, ledger, 1, "rolled back"));
            status.setRollbackOnly();
        });
        assertThat(ledgerEvents(account)).hasSize(1);

        JdbcEventStorageEngine otherNode = new ChainingEventStorageEngine(JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(connectionProvider), axonTransactions);
        append(otherNode, ledger, 1, "stored by another node");
        append(storage, ledger, 2, "stored after");

        JsonNode chain = chain(account).body();
        assertThat(chain.path("valid").asBoolean()).as("%s", chain).isTrue();
        assertThat(chain.path("events").asInt()).isEqualTo(3);
    }

    /** A scrape charges the ledger and depletes it: several ledger events appended in one transaction. */
    @Test
    void eventsAppendedTogetherChainToEachOther() {
        String priceBook = PriceBooks.seed004(api, Instant.parse("2026-01-01T00:00:00Z"));
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", priceBook, 3_600);
        assertThat(api.post("/api/v1/accounts/" + account.id() + "/credit-grants", """
                {"kind":"ADMIN","amount":%s}""".formatted(money("1.00", "EUR"))).status()).isEqualTo(201);
        Instant from = Instant.parse("2026-06-01T10:00:00Z");
        Instant to = from.plus(Duration.ofHours(1));
        account.scrape("s-from", from, Pod.counters("batch", from, 0, 0));
        account.scrape("s-to", to, Pod.counters("batch", from, 20 * 3_600 * Pod.CORE_SECOND, 50_000_000_000L));

        eventually().until(() -> payloadTypes(account.id()).containsAll(
                List.of("UsageCharged", "CreditsDepleted")));
        List<StoredEvent> events = ledgerEvents(account.id());
        // PostgreSQL's xmin names the transaction that wrote a row
        assertThat(transactionOf(eventId(account.id(), "CreditsDepleted", 0)))
                .isEqualTo(transactionOf(eventId(account.id(), "UsageCharged", 0)));

        JsonNode chain = chain(account.id()).body();
        assertThat(chain.path("valid").asBoolean()).as("%s", chain).isTrue();
        assertThat(chain.path("events").asInt()).isEqualTo(events.size());
    }

    private String accountWithGrantsAndARefund() {
        String account = uniqueId("chain");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"c@example.com","name":"Chain","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted(account)).status()).isEqualTo(201);
        String grants = "/api/v1/accounts/" + account + "/credit-grants";
        assertThat(api.post(grants, """
                {"grantId":"bought","kind":"PURCHASE","amount":%s}""".formatted(money("100.00", "EUR"))).status())
                .isEqualTo(201);
        assertThat(api.post(grants, """
                {"kind":"ADMIN","amount":%s}""".formatted(money("10.00", "EUR"))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + account + "/refunds", """
                {"grantId":"bought","amount":%s,"reason":"changed plans"}""".formatted(money("30.00", "EUR")))
                .status()).isEqualTo(201);
        return account;
    }

    private void assertBrokenAt(String account, String eventId, String reason) {
        JsonNode chain = chain(account).body();
        assertThat(chain.path("valid").asBoolean()).as("%s", chain).isFalse();
        assertThat(chain.path("firstBrokenEventId").asString()).isEqualTo(eventId);
        assertThat(chain.path("reason").asString()).isEqualTo(reason);
    }

    private Api.Response chain(String account) {
        return api.get("/api/v1/audit/accounts/" + account + "/chain");
    }

    private List<StoredEvent> ledgerEvents(String account) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return readOnly.execute(status -> {
            try (var events = storedEvents.ofAggregate(AccountId.of(account).ledgerId())) {
                return events.toList();
            }
        });
    }

    private List<String> payloadTypes(String account) {
        return ledgerEvents(account).stream()
                .map(event -> event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1)).toList();
    }

    /** The id of the {@code index}th stored ledger event of that payload type (simple name). */
    private String eventId(String account, String payloadType, int index) {
        return ledgerEvents(account).stream().filter(event -> event.payloadType().endsWith("." + payloadType))
                .toList().get(index).eventId();
    }

    private String transactionOf(String eventId) {
        return jdbc.sql("SELECT xmin::text FROM domainevententry WHERE eventidentifier = ?").param(eventId)
                .query(String.class).single();
    }

    private static void append(EventStorageEngine engine, String ledger, long sequence, String payload) {
        engine.appendEvents(new GenericDomainEventMessage<>(LedgerChain.AGGREGATE_TYPE, ledger, sequence, payload));
    }
}
