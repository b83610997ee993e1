package dev.tally.app.config;

import dev.tally.api.metering.Basis;
import dev.tally.api.metering.GapFillPolicy;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.MeteringPolicySource;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How scrapes are measured (tally.metering.*): the billed basis per meter, how many scrape intervals make a gap,
 * how gauges are treated across a gap, and how far in the future a scrape may claim to be taken.
 */
@ConfigurationProperties("tally.metering")
public record MeteringProperties(Map<Meter, Basis> basis, Integer gapAfterIntervals, GapFillPolicy gapFill,
                                 Duration futureTolerance) implements MeteringPolicySource {

    public MeteringProperties {
        Map<Meter, Basis> defaults = new EnumMap<>(Map.of(
                Meter.CPU, Basis.USAGE, Meter.MEMORY, Basis.USAGE, Meter.GPU, Basis.REQUEST,
                Meter.STORAGE, Basis.REQUEST, Meter.EGRESS, Basis.USAGE));
        if (basis != null) {
            defaults.putAll(basis);
        }
        basis = Map.copyOf(defaults);
        gapAfterIntervals = gapAfterIntervals == null ? 3 : gapAfterIntervals;
        gapFill = gapFill == null ? GapFillPolicy.NONE : gapFill;
        futureTolerance = futureTolerance == null ? Duration.ofMinutes(5) : futureTolerance;
    }

    @Override
    public MeteringPolicy forScrapeInterval(int scrapeIntervalSeconds) {
        return new MeteringPolicy(basis, Duration.ofSeconds((long) scrapeIntervalSeconds * gapAfterIntervals),
                gapFill, futureTolerance);
    }
}
