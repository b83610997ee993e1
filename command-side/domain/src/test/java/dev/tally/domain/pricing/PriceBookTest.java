package dev.tally.domain.pricing;

import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.PriceBookId;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.ConfirmPriceBookCurrency;
import dev.tally.api.pricing.CreatePriceBook;
import dev.tally.api.pricing.PriceBookCreated;
import dev.tally.api.pricing.PriceBookUsageRated;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.PriceVersionPublished;
import dev.tally.api.pricing.PublishPriceVersion;
import dev.tally.api.pricing.Rate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.pricing.Seed004.CPU;
import static dev.tally.domain.pricing.Seed004.EGRESS;
import static dev.tally.domain.pricing.Seed004.MEMORY;
import static dev.tally.domain.pricing.Seed004.STORAGE;
import static dev.tally.domain.pricing.Seed004.rate;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;

class PriceBookTest {

    private static final PriceBookId STANDARD = PriceBookId.of("standard");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant CREATED_AT = Instant.parse("2026-01-01T09:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant PUBLISHED_AT = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant RATED_THROUGH = Instant.parse("2026-02-10T14:00:00Z");

    private static final List<Rate> SEED_004 = Seed004.RATES;

    private AggregateTestFixture<PriceBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PriceBook.class);
    }

    @Test
    void canCreatePriceBook() {
        fixture.givenNoPriorActivity()
                .when(new CreatePriceBook(STANDARD, "Standard", EUR, CREATED_AT))
                .expectEvents(created());
    }

    @Test
    void firstPublishedVersionIsVersionOne() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_UP, SEED_004))
                .expectEvents(published(1, FEBRUARY, RoundingMode.HALF_UP, SEED_004))
                .expectResultMessagePayload(1);
    }

    @Test
    void nextPublishedVersionIsVersionTwo() {
        List<Rate> cheaperCpu = List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.04"), MEMORY, STORAGE, EGRESS);

        fixture.given(created(), published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004))
                .when(publish(MARCH, RoundingMode.HALF_EVEN, cheaperCpu))
                .expectEvents(published(2, MARCH, RoundingMode.HALF_EVEN, cheaperCpu))
                .expectResultMessagePayload(2);
    }

    @Test
    void roundingIsHalfEvenUnlessNamed() {
        fixture.given(created())
                .when(publish(FEBRUARY, null, SEED_004))
                .expectEvents(published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004));
    }

    @Test
    void aRateMayNameItsBasis() {
        List<Rate> rates = List.of(new Rate(Meter.CPU, PriceUnit.CORE_HOUR, new BigDecimal("0.05"), Basis.MAX),
                new Rate(Meter.GPU, PriceUnit.GPU_HOUR, new BigDecimal("1.20"), Basis.REQUEST));

        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, rates))
                .expectEvents(published(1, FEBRUARY, RoundingMode.HALF_EVEN, rates));
    }

    @ParameterizedTest
    @EnumSource(value = RoundingMode.class, mode = EnumSource.Mode.EXCLUDE, names = {"HALF_EVEN", "HALF_UP"})
    void cannotPublishWithAnotherRounding(RoundingMode rounding) {
        fixture.given(created())
                .when(publish(FEBRUARY, rounding, SEED_004))
                .expectException(invalid("rounding"));
    }

    @Test
    void cannotPublishWithoutRates() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, List.of()))
                .expectException(invalid("rates"));
    }

    @Test
    void cannotPublishWithNoRateList() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, null))
                .expectException(invalid("rates"));
    }

    @ParameterizedTest
    @EnumSource(value = PriceUnit.class, mode = EnumSource.Mode.EXCLUDE, names = "CORE_HOUR")
    void cannotPriceCpuInAnotherMetersUnit(PriceUnit unit) {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, List.of(rate(Meter.CPU, unit, "0.05"))))
                .expectException(invalid("rates[0].unit"));
    }

    @Test
    void cannotPriceMemoryInStorageUnits() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN,
                        List.of(CPU, rate(Meter.MEMORY, PriceUnit.GIB_DAY, "0.005"))))
                .expectException(invalid("rates[1].unit"));
    }

    @Test
    void everyMeterHasItsUnits() {
        List<Rate> rates = List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.05"),
                rate(Meter.MEMORY, PriceUnit.GIB_HOUR, "0.005"), rate(Meter.GPU, PriceUnit.GPU_HOUR, "1.5"),
                rate(Meter.STORAGE, PriceUnit.GIB_MONTH, "0.08"), rate(Meter.EGRESS, PriceUnit.GIB, "0.01"));

        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, rates))
                .expectEvents(published(1, FEBRUARY, RoundingMode.HALF_EVEN, rates));
    }

    @Test
    void cannotPublishNegativePrice() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN,
                        List.of(CPU, rate(Meter.MEMORY, PriceUnit.GB_HOUR, "-1"))))
                .expectException(invalid("rates[1].price"));
    }

    @Test
    void aFreeMeterIsPriced() {
        List<Rate> freeEgress = List.of(CPU, rate(Meter.EGRESS, PriceUnit.GB, "0"));

        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, freeEgress))
                .expectEvents(published(1, FEBRUARY, RoundingMode.HALF_EVEN, freeEgress));
    }

    @Test
    void cannotPublishPriceWithMoreThanTwelveDecimals() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN,
                        List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.1234567890123"))))
                .expectException(invalid("rates[0].price"));
    }

    /** Twelve significant decimals are allowed; zeros after them add no precision, so they are too. */
    @ParameterizedTest
    @ValueSource(strings = {"0.123456789012", "0.1234567890120000"})
    void canPublishPriceWithTwelveDecimals(String price) {
        List<Rate> rates = List.of(rate(Meter.CPU, PriceUnit.CORE_HOUR, price));

        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, rates))
                .expectEvents(published(1, FEBRUARY, RoundingMode.HALF_EVEN, rates));
    }

    @Test
    void cannotPriceTheSameMeterTwice() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN,
                        List.of(CPU, MEMORY, rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.04"))))
                .expectException(invalid("rates"));
    }

    @Test
    void cannotPublishRateWithoutMeterUnitOrPrice() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.HALF_EVEN, List.of(CPU, new Rate(null, null, null, null))))
                .expectException(invalid("rates[1].meter", "rates[1].unit", "rates[1].price"));
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        fixture.given(created())
                .when(publish(FEBRUARY, RoundingMode.UP, List.of(rate(Meter.CPU, PriceUnit.GIB_HOUR, "-0.05"),
                        rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.0000000000001"))))
                .expectException(invalid("rounding", "rates[0].unit", "rates[0].price", "rates[1].price", "rates"));
    }

    @Test
    void cannotPublishVersionStartingBeforeRatedUsage() {
        fixture.given(created(), published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004),
                        new PriceBookUsageRated(STANDARD, RATED_THROUGH))
                .when(publish(RATED_THROUGH.minusSeconds(1), RoundingMode.HALF_EVEN, SEED_004))
                .expectException(domainException(CONFLICT))
                .expectNoEvents();
    }

    /** RATED_THROUGH is the start of the last window rated: a version starting there would re-rate it. */
    @Test
    void cannotPublishVersionStartingAtTheLastRatedWindow() {
        fixture.given(created(), published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004),
                        new PriceBookUsageRated(STANDARD, RATED_THROUGH))
                .when(publish(RATED_THROUGH, RoundingMode.HALF_EVEN, SEED_004))
                .expectException(domainException(CONFLICT))
                .expectNoEvents();
    }

    @Test
    void canPublishVersionStartingJustAfterTheLastRatedWindow() {
        fixture.given(created(), published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004),
                        new PriceBookUsageRated(STANDARD, RATED_THROUGH))
                .when(publish(RATED_THROUGH.plusMillis(1), RoundingMode.HALF_EVEN, SEED_004))
                .expectEvents(published(2, RATED_THROUGH.plusMillis(1), RoundingMode.HALF_EVEN, SEED_004))
                .expectResultMessagePayload(2);
    }

    @Test
    void canPublishVersionStartingAfterRatedUsage() {
        fixture.given(created(), published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004),
                        new PriceBookUsageRated(STANDARD, RATED_THROUGH))
                .when(publish(MARCH, RoundingMode.HALF_EVEN, SEED_004))
                .expectEvents(published(2, MARCH, RoundingMode.HALF_EVEN, SEED_004));
    }

    /** Before any usage is rated, a version may start in the past: a backfill nothing has been billed at. */
    @Test
    void canBackdateVersionBeforeAnyUsageIsRated() {
        Instant lastYear = Instant.parse("2025-01-01T00:00:00Z");

        fixture.given(created(), published(1, FEBRUARY, RoundingMode.HALF_EVEN, SEED_004))
                .when(publish(lastYear, RoundingMode.HALF_EVEN, SEED_004))
                .expectEvents(published(2, lastYear, RoundingMode.HALF_EVEN, SEED_004));
    }

    @Test
    void cannotPublishWithoutEffectiveFrom() {
        fixture.given(created())
                .when(publish(null, RoundingMode.HALF_EVEN, SEED_004))
                .expectException(invalid("effectiveFrom"));
    }

    @Test
    void confirmsItsOwnCurrencyWithoutChangingAnything() {
        fixture.given(created())
                .when(new ConfirmPriceBookCurrency(STANDARD, EUR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnotherCurrency() {
        fixture.given(created())
                .when(new ConfirmPriceBookCurrency(STANDARD, Currency.getInstance("USD")))
                .expectException(domainException(CONFLICT));
    }

    private static PriceBookCreated created() {
        return new PriceBookCreated(STANDARD, "Standard", EUR, CREATED_AT);
    }

    private static PublishPriceVersion publish(Instant effectiveFrom, RoundingMode rounding, List<Rate> rates) {
        return new PublishPriceVersion(STANDARD, effectiveFrom, rounding, rates, PUBLISHED_AT);
    }

    private static PriceVersionPublished published(int version, Instant effectiveFrom, RoundingMode rounding,
                                                   List<Rate> rates) {
        return new PriceVersionPublished(STANDARD, version, effectiveFrom, rounding, rates, PUBLISHED_AT);
    }

    /** A VALIDATION_ERROR naming exactly these fields, as the client will read them. */
    private static Matcher<DomainException> invalid(String... fields) {
        return allOf(domainException(VALIDATION_ERROR),
                new FeatureMatcher<DomainException, List<String>>(containsInAnyOrder(fields),
                        "invalid fields", "fields") {
                    @Override
                    protected List<String> featureValueOf(DomainException actual) {
                        return actual instanceof FieldErrors.Invalid invalid
                                ? invalid.errors().stream().map(FieldErrors.FieldError::field).toList()
                                : List.of();
                    }
                });
    }
}
