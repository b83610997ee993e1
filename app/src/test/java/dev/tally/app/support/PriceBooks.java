package dev.tally.app.support;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Price books created over HTTP as an admin creates them (API.md, Prices). */
public final class PriceBooks {

    /**
     * Seed 004's rates, as a client sends them: 720 core-hours, 1440 GB-hours of memory, 30 GB-days of storage and
     * 50 GB of egress come to 36.00 + 7.20 + 3.00 + 0.50 = 46.70.
     */
    public static final String SEED_004_RATES = """
            [{"meter":"cpu","unit":"core-hour","price":"0.05"},
             {"meter":"memory","unit":"gb-hour","price":"0.005"},
             {"meter":"storage","unit":"gb-day","price":"0.10"},
             {"meter":"egress","unit":"gb","price":"0.01"}]""";

    private PriceBooks() {
    }

    /** A new EUR book whose one version, seed 004's rates, is in force from {@code effectiveFrom}. */
    public static String seed004(Api api, Instant effectiveFrom) {
        String id = "seed004-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/price-books", """
                {"id":"%s","name":"Seed 004","currency":"EUR"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/price-books/" + id + "/versions", """
                {"effectiveFrom":"%s","rates":%s}""".formatted(effectiveFrom, SEED_004_RATES)).status())
                .isEqualTo(201);
        return id;
    }
}
