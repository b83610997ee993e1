package dev.tally.api.metering;

/** The configured metering policy for a cluster scraped every {@code scrapeIntervalSeconds}. */
@FunctionalInterface
public interface MeteringPolicySource {

    MeteringPolicy forScrapeInterval(int scrapeIntervalSeconds);
}
