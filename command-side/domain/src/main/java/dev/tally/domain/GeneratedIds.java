package dev.tally.domain;

import java.util.UUID;

/**
 * Ids the server makes when a client supplies none. Made at the edge (an endpoint), never inside an aggregate, so
 * the command carries the id and a replay reproduces it.
 */
public final class GeneratedIds {

    private GeneratedIds() {
    }

    public static String next(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
