package dev.tally.app.support;

import tools.jackson.databind.JsonNode;

/** Money as the API writes it, read back as one string to compare: {@code "46.70 EUR"}; "absent" when missing. */
public final class Amounts {

    private Amounts() {
    }

    public static String of(JsonNode money) {
        if (money.isMissingNode() || money.isNull()) {
            return "absent";
        }
        return money.path("amount").asString() + " " + money.path("currency").asString();
    }
}
