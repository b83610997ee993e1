package dev.tally.app.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.ReadModels;
import dev.tally.projections.pricing.PriceBookProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static dev.tally.app.support.PriceBooks.SEED_004_RATES;
import static dev.tally.schema.jooq.Tables.PRICE_BOOK;
import static dev.tally.schema.jooq.Tables.PRICE_RATE;
import static org.assertj.core.api.Assertions.assertThat;

/** Price books created and versions published over HTTP, read back over HTTP (API.md, Prices). */
class PriceBookApiTest extends EngineTest {

    private static final String JANUARY = "2026-01-01T00:00:00Z";
    private static final String FEBRUARY = "2026-02-01T00:00:00Z";

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DSLContext db;

    private Api api;
    private EventStoreRows events;

    @BeforeEach
    void setUp() {
        api = api();
        events = new EventStoreRows(dataSource);
    }

    private Api.Response create(String id, String name) {
        return api.post("/api/v1/price-books", """
                {"id":"%s","name":"%s","currency":"EUR"}""".formatted(id, name));
    }

    private String createPriceBook() {
        String id = uniqueId("prices");
        assertThat(create(id, "Standard").status()).isEqualTo(201);
        return id;
    }

    private Api.Response publish(String id, String body) {
        return api.post("/api/v1/price-books/" + id + "/versions", body);
    }

    private Api.Response publishRates(String id, String rates) {
        return publish(id, "{\"effectiveFrom\":\"" + JANUARY + "\",\"rates\":" + rates + "}");
    }

    private JsonNode priceBook(String id) {
        Api.Response response = api.get("/api/v1/price-books/" + id);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** Waits for the read model to show the price book with {@code versions} versions. */
    private JsonNode awaitVersions(String id, int versions) {
        eventually().until(() -> {
            Api.Response response = api.get("/api/v1/price-books/" + id);
            return response.status() == 200 && response.body().path("versions").size() == versions;
        });
        return priceBook(id);
    }

    private long versionsPublished(String id) {
        return events.of(PriceBookId.of(id).aggregateId(), "PriceVersionPublished");
    }

    @Test
    void publishedVersionsReadBackOldestFirst() {
        String id = uniqueId("prices");
        Api.Response created = create(id, "Standard 2026");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/price-books/" + id);

        Api.Response first = publish(id, "{\"effectiveFrom\":\"" + JANUARY + "\",\"rates\":" + SEED_004_RATES + "}");
        Api.Response second = publish(id, """
                {"effectiveFrom":"%s","rounding":"HALF_UP","rates":[
                  {"meter":"cpu","unit":"core-hour","price":"0.040","basis":"MAX"},
                  {"meter":"gpu","unit":"gpu-hour","price":"1.5","basis":"REQUEST"},
                  {"meter":"storage","unit":"gib-month","price":"2"}]}""".formatted(FEBRUARY));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("version").asInt()).isEqualTo(1);
        assertThat(first.body().path("rounding").asString()).isEqualTo("HALF_EVEN");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().path("version").asInt()).isEqualTo(2);

        JsonNode book = awaitVersions(id, 2);
        assertThat(book.path("id").asString()).isEqualTo(id);
        assertThat(book.path("name").asString()).isEqualTo("Standard 2026");
        assertThat(book.path("currency").asString()).isEqualTo("EUR");
        assertThat(instant(book, "createdAt")).isEqualTo(instant(created.body(), "createdAt"));
        assertThat(book.has("ratedThrough")).isFalse();

        JsonNode v1 = book.path("versions").get(0);
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("effectiveFrom").asString()).isEqualTo(JANUARY);
        assertThat(v1.path("rounding").asString()).isEqualTo("HALF_EVEN");
        assertThat(instant(v1, "publishedAt")).isEqualTo(instant(first.body(), "publishedAt"));
        assertThat(rates(v1)).containsExactly(
                "cpu core-hour 0.05", "memory gb-hour 0.005", "storage gb-day 0.1", "egress gb 0.01");
        assertThat(v1.path("rates").valueStream().noneMatch(rate -> rate.has("basis"))).isTrue();

        JsonNode v2 = book.path("versions").get(1);
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("effectiveFrom").asString()).isEqualTo(FEBRUARY);
        assertThat(v2.path("rounding").asString()).isEqualTo("HALF_UP");
        assertThat(instant(v2, "publishedAt")).isEqualTo(instant(second.body(), "publishedAt"));
        assertThat(rates(v2)).containsExactly(
                "cpu core-hour 0.04 MAX", "gpu gpu-hour 1.5 REQUEST", "storage gib-month 2");
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.path(field).asString());
    }

    /** Each rate as "meter unit price [basis]", in the order the API lists them. */
    private static List<String> rates(JsonNode version) {
        return version.path("rates").valueStream()
                .map(rate -> rate.path("meter").asString() + " " + rate.path("unit").asString() + " "
                        + rate.path("price").asString()
                        + (rate.has("basis") ? " " + rate.path("basis").asString() : ""))
                .toList();
    }

    @Test
    void priceBooksAreListedWithoutVersions() {
        String id = createPriceBook();
        assertThat(publishRates(id, SEED_004_RATES).status()).isEqualTo(201);
        awaitVersions(id, 1);

        JsonNode page = api.get("/api/v1/price-books?page=0&size=500").body();
        JsonNode item = page.path("items").valueStream()
                .filter(book -> id.equals(book.path("id").asString()))
                .findFirst().orElseThrow();
        assertThat(item.path("name").asString()).isEqualTo("Standard");
        assertThat(item.path("currency").asString()).isEqualTo("EUR");
        assertThat(item.path("createdAt").asString()).isNotBlank();
        assertThat(item.has("versions")).isFalse();
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(500);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(page.path("items").size()).isPositive();
    }

    @Test
    void priceBookListsArePagedWithinLimits() {
        createPriceBook();
        createPriceBook();

        eventually().until(() -> api.get("/api/v1/price-books?size=1").body().path("total").asInt() >= 2);
        JsonNode page = api.get("/api/v1/price-books?page=1&size=1").body();
        assertThat(page.path("items").size()).isOne();
        assertThat(page.path("page").asInt()).isOne();
        assertThat(page.path("size").asInt()).isOne();
        assertProblem(api.get("/api/v1/price-books?size=501"), 400, "VALIDATION_ERROR");
        assertProblem(api.get("/api/v1/price-books?page=-1"), 400, "VALIDATION_ERROR");
    }

    static Stream<Arguments> invalidRates() {
        return Stream.of(
                Arguments.of("a unit of another meter is refused",
                        "[{\"meter\":\"cpu\",\"unit\":\"gib-hour\",\"price\":\"0.05\"}]", "rates[0].unit"),
                Arguments.of("a negative price is refused", """
                        [{"meter":"cpu","unit":"core-hour","price":"0.05"},
                         {"meter":"memory","unit":"gib-hour","price":"-1"}]""",
                        "rates[1].price"),
                Arguments.of("a price with more than twelve decimals is refused", """
                        [{"meter":"cpu","unit":"core-hour","price":"0.05"},
                         {"meter":"memory","unit":"gib-hour","price":"0.1234567890123"}]""",
                        "rates[1].price"),
                Arguments.of("meters are named in lower case",
                        "[{\"meter\":\"CPU\",\"unit\":\"core-hour\",\"price\":\"0.05\"}]", "rates[0].meter"),
                Arguments.of("a meter is priced once", """
                        [{"meter":"cpu","unit":"core-hour","price":"0.05"},
                         {"meter":"cpu","unit":"core-hour","price":"0.04"}]""",
                        "rates"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRates")
    void anInvalidRateIsRefusedByItsFieldAndPublishesNothing(String why, String rates, String field) {
        String id = createPriceBook();

        assertInvalid(publishRates(id, rates), field);
        assertThat(versionsPublished(id)).isZero();
    }

    @Test
    void aPriceWithTwelveDecimalsReadsBackExactly() {
        String id = createPriceBook();

        assertThat(publishRates(id, "[{\"meter\":\"egress\",\"unit\":\"gib\",\"price\":\"0.123456789012\"}]")
                .status()).isEqualTo(201);

        assertThat(rates(awaitVersions(id, 1).path("versions").get(0))).containsExactly("egress gib 0.123456789012");
    }

    @Test
    void everyBadFieldOfAVersionIsReported() {
        String id = createPriceBook();

        Api.Response response = publish(id, """
                {"rounding":"UP","rates":[{"meter":"gpu","unit":"core-hour","price":"0.05"},
                 {"meter":"ram","unit":"gib-hour","price":"cheap"}]}""");

        assertInvalid(response, "effectiveFrom", "rounding", "rates[0].unit", "rates[1].meter", "rates[1].price");
        assertInvalid(publish(id, "{\"effectiveFrom\":\"" + JANUARY + "\",\"rates\":[]}"), "rates");
        assertInvalid(publishRates(id, "[{\"meter\":\"cpu\",\"unit\":\"core-hour\",\"price\":\"0.05\","
                + "\"basis\":\"SOMETIMES\"}]"), "rates[0].basis");
        assertThat(versionsPublished(id)).isZero();
    }

    @Test
    void everyBadFieldOfAPriceBookIsReported() {
        Api.Response response = api.post("/api/v1/price-books", """
                {"id":"no/slashes","name":"","currency":"eur"}""");

        assertInvalid(response, "id", "name", "currency");
    }

    @Test
    void anUnknownPriceBookIsNotFound() {
        String unknown = uniqueId("missing");

        assertProblem(api.get("/api/v1/price-books/" + unknown), 404, "NOT_FOUND");
        Api.Response publish = publishRates(unknown, SEED_004_RATES);
        assertProblem(publish, 404, "NOT_FOUND");
        // The client's id, not the aggregate's internal one.
        assertThat(publish.body().path("detail").asString()).isEqualTo("not found: " + unknown);
    }

    @Test
    void aPriceBookIdIsTakenOnce() {
        String id = createPriceBook();

        assertProblem(create(id, "Other"), 409, "CONFLICT");

        assertThat(events.of(PriceBookId.of(id).aggregateId(), "PriceBookCreated")).isOne();
        eventually().until(() -> api.get("/api/v1/price-books/" + id).status() == 200);
        assertThat(priceBook(id).path("name").asString()).isEqualTo("Standard");
    }

    /**
     * Rates an hour of usage from {@code windowStart} with the book, as the engine does: an account on the book runs
     * a pod on 1 core, and the scrape at the end of the hour is rated and charged in the transaction that records it.
     */
    private void rateAnHourFrom(String priceBookId, Instant windowStart) {
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", priceBookId, 3_600);
        account.scrape("s-0", windowStart, Pod.counters("p-1", windowStart, 0, 0));
        account.scrape("s-1", windowStart.plus(Duration.ofHours(1)),
                Pod.counters("p-1", windowStart, 3_600 * Pod.CORE_SECOND, 0));
    }

    /**
     * Usage is rated with the version in force at its window's start, and a rated window claims the rest of its
     * hour: a version starting at or before the end of that hour would (or could) re-rate it; one after changes
     * nothing rated.
     */
    @Test
    void aVersionMayNotStartAtOrBeforeRatedUsage() {
        String id = createPriceBook();
        assertThat(publishRates(id, SEED_004_RATES).status()).isEqualTo(201);

        rateAnHourFrom(id, Instant.parse("2026-01-20T10:00:00Z"));

        eventually().until(() -> api.get("/api/v1/price-books/" + id).body().has("ratedThrough"));
        assertThat(priceBook(id).path("ratedThrough").asString()).isEqualTo("2026-01-20T11:00:00Z");
        for (String refused : List.of("2026-01-20T09:59:59Z", "2026-01-20T10:00:00Z", "2026-01-20T11:00:00Z")) {
            assertProblem(publish(id, """
                    {"effectiveFrom":"%s","rates":%s}""".formatted(refused, SEED_004_RATES)), 409, "CONFLICT");
        }
        Api.Response afterRated = publish(id, """
                {"effectiveFrom":"2026-01-20T11:00:01Z","rates":%s}""".formatted(SEED_004_RATES));
        assertThat(afterRated.status()).isEqualTo(201);
        assertThat(afterRated.body().path("version").asInt()).isEqualTo(2);
        assertThat(versionsPublished(id)).isEqualTo(2);
        assertThat(awaitVersions(id, 2).path("versions").get(1).path("effectiveFrom").asString())
                .isEqualTo("2026-01-20T11:00:01Z");
    }

    /** The read model is disposable: a replay empties it (rows no event made go) and rebuilds the same answers. */
    @Test
    void replayRebuildsThePriceBooksReadModel() {
        String id = createPriceBook();
        assertThat(publishRates(id, SEED_004_RATES).status()).isEqualTo(201);
        rateAnHourFrom(id, Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(publish(id, "{\"effectiveFrom\":\"" + FEBRUARY + "\",\"rates\":" + SEED_004_RATES + "}")
                .status()).isEqualTo(201);
        eventually().until(() -> {
            JsonNode book = api.get("/api/v1/price-books/" + id).body();
            return book.path("versions").size() == 2 && book.has("ratedThrough");
        });
        JsonNode before = priceBook(id);

        OffsetDateTime march = OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        String stray = uniqueId("stray");
        db.insertInto(PRICE_BOOK)
                .set(PRICE_BOOK.ID, stray)
                .set(PRICE_BOOK.NAME, "made by no event")
                .set(PRICE_BOOK.CURRENCY, "EUR")
                .set(PRICE_BOOK.CREATED_AT, march)
                .set(PRICE_BOOK.LAST_SEQUENCE, 0L)
                .execute();
        db.insertInto(PRICE_RATE)
                .set(PRICE_RATE.PRICE_BOOK_ID, id)
                .set(PRICE_RATE.VERSION, 3)
                .set(PRICE_RATE.METER, "cpu")
                .set(PRICE_RATE.EFFECTIVE_FROM, march)
                .set(PRICE_RATE.ROUNDING, "HALF_EVEN")
                .set(PRICE_RATE.UNIT, "core-hour")
                .set(PRICE_RATE.PRICE, new BigDecimal("9.99"))
                .set(PRICE_RATE.PUBLISHED_AT, march)
                .execute();
        assertThat(priceBook(id).path("versions").size()).isEqualTo(3);

        ReadModels.replay(processing, PriceBookProjection.PROCESSING_GROUP);

        eventually().untilAsserted(() -> assertThat(api.get("/api/v1/price-books/" + id).body()).isEqualTo(before));
        assertProblem(api.get("/api/v1/price-books/" + stray), 404, "NOT_FOUND");
    }

    private static void assertInvalid(Api.Response response, String... fields) {
        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.body().path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactlyInAnyOrder(fields);
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.raw().uri()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asString()).isEqualTo(code);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
