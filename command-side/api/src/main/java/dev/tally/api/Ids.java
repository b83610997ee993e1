package dev.tally.api;

import java.util.regex.Pattern;

/** The shape every id takes, client-supplied or generated: safe in URLs, log lines and aggregate identifiers. */
public final class Ids {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** What a client is told when an id breaks the rule. */
    public static final String RULE = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Ids() {
    }

    public static String require(String kind, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw DomainException.validation(kind + " " + RULE);
        }
        return value;
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }
}
