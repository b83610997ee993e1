package dev.tally.domain.pricing;

import dev.tally.api.CurrencyCodes;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.PriceBookId;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.CreatePriceBook;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.PublishPriceVersion;
import dev.tally.api.pricing.Rate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** Admin commands on price books (API.md, Prices). */
@RestController
@RequestMapping("/api/v1/price-books")
public class PriceBookCommandController {

    record CreateRequest(String id, String name, String currency) {
    }

    /** A price book as created. */
    public record CreatedPriceBook(String id, String name, String currency, Instant createdAt) {
    }

    record RateRequest(String meter, String unit, String price, Basis basis) {
    }

    record VersionRequest(Instant effectiveFrom, String rounding, List<RateRequest> rates) {
    }

    /** A version as published; prices are decimal strings as sent. */
    public record PublishedVersion(String priceBookId, int version, Instant effectiveFrom, String rounding,
                                   List<RateRequest> rates, Instant publishedAt) {
    }

    private final CommandGateway commands;
    private final Clock clock;

    public PriceBookCommandController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<CreatedPriceBook> create(@RequestBody CreateRequest request) {
        Currency currency = CurrencyCodes.parse(request.currency());
        new FieldErrors()
                .check(Ids.isValid(request.id()), "id", Ids.RULE)
                .text(request.name(), "name", 200)
                .check(currency != null, "currency", "must be an ISO 4217 currency code such as \"EUR\"")
                .throwIfAny();
        Instant createdAt = clock.instant();
        commands.sendAndWait(new CreatePriceBook(PriceBookId.of(request.id()), request.name(), currency, createdAt));
        return ResponseEntity.created(URI.create("/api/v1/price-books/" + request.id()))
                .body(new CreatedPriceBook(request.id(), request.name(), currency.getCurrencyCode(), createdAt));
    }

    @PostMapping("/{priceBookId}/versions")
    public ResponseEntity<PublishedVersion> publish(@PathVariable String priceBookId,
                                                    @RequestBody VersionRequest request) {
        FieldErrors errors = new FieldErrors()
                .check(request.effectiveFrom() != null, "effectiveFrom", "is required: an ISO-8601 instant")
                .check(request.rounding() == null || request.rounding().matches("HALF_EVEN|HALF_UP"), "rounding",
                        "must be HALF_EVEN or HALF_UP")
                .check(request.rates() != null && !request.rates().isEmpty(), "rates", "must name at least one rate");
        List<Rate> rates = rates(request.rates() == null ? List.of() : request.rates(), errors);
        errors.throwIfAny();
        RoundingMode rounding = request.rounding() == null ? RoundingMode.HALF_EVEN
                : RoundingMode.valueOf(request.rounding());
        Instant publishedAt = clock.instant();
        int version = commands.sendAndWait(new PublishPriceVersion(PriceBookId.of(priceBookId),
                request.effectiveFrom(), rounding, rates, publishedAt));
        return ResponseEntity.created(URI.create("/api/v1/price-books/" + priceBookId))
                .body(new PublishedVersion(priceBookId, version, request.effectiveFrom(), rounding.name(),
                        rates.stream().map(PriceBookCommandController::asSent).toList(), publishedAt));
    }

    private static List<Rate> rates(List<RateRequest> requests, FieldErrors errors) {
        List<Rate> rates = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            RateRequest rate = requests.get(i);
            String at = "rates[" + i + "]";
            Meter meter = meter(rate.meter());
            PriceUnit unit = PriceUnit.fromWireName(rate.unit());
            boolean decimal = rate.price() != null && rate.price().matches("\\d{1,12}(\\.\\d{1,12})?");
            errors.check(meter != null, at + ".meter", "must be cpu, memory, gpu, storage or egress")
                    .check(unit != null && (meter == null || unit.meter() == meter), at + ".unit",
                            "must be a unit of the meter: core-hour; gib-hour or gb-hour; gpu-hour; gib-day, gb-day "
                                    + "or gib-month; gb or gib")
                    .check(decimal, at + ".price", "must be a decimal string with at most 12 decimals, e.g. \"0.05\"");
            if (meter != null && unit != null && decimal) {
                rates.add(new Rate(meter, unit, new BigDecimal(rate.price()), rate.basis()));
            }
        }
        return rates;
    }

    /** A rate as API.md writes it, its price without trailing zeros (as GET shows it). */
    private static RateRequest asSent(Rate rate) {
        return new RateRequest(rate.meter().name().toLowerCase(Locale.ROOT), rate.unit().wireName(),
                rate.price().stripTrailingZeros().toPlainString(), rate.basis());
    }

    private static Meter meter(String name) {
        if (name == null || !name.equals(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        try {
            return Meter.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
