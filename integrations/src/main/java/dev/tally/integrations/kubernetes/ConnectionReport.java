package dev.tally.integrations.kubernetes;

/**
 * The answer of a connection test (API.md, clusters). {@code reachable} means every read the collector needs
 * worked; otherwise {@code error} says which did not, and what was learned before it is kept.
 */
public record ConnectionReport(boolean reachable, String serverVersion, Integer nodes, Integer pods, String error) {

    static ConnectionReport reachable(String serverVersion, int nodes, int pods) {
        return new ConnectionReport(true, serverVersion, nodes, pods, null);
    }
}
