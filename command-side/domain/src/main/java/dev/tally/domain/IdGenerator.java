package dev.tally.domain;

/**
 * Makes the ids the server assigns when a client supplies none. Like the clock, it is given to the endpoints, which
 * put the id on the command: aggregates never make one, so a replay reproduces every id.
 */
@FunctionalInterface
public interface IdGenerator {

    /** A new, unique id starting with {@code prefix} and an underscore. */
    String next(String prefix);
}
