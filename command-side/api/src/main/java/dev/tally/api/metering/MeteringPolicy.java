package dev.tally.api.metering;

import java.time.Duration;
import java.util.Map;

/**
 * The configuration a scrape is measured under, carried on the command and recorded in its events so a replay
 * measures the same. {@code maxInterval} is the longest interval between samples that is not a gap.
 */
public record MeteringPolicy(Map<Meter, Basis> basis, Duration maxInterval, GapFillPolicy gapFill,
                             Duration futureTolerance) {

    public Basis basisOf(Meter meter) {
        return basis.getOrDefault(meter, Basis.USAGE);
    }
}
