package dev.tally.bench;

/**
 * Issue 9's benchmarks in one run against one engine: ingestion, freshness, reads and the memory stage first
 * ({@link IngestionBenchmark}: b, c, d, f, memory), then PostgreSQL's own ceiling, a full replay and growth to 5M
 * stored events ({@link CeilingBenchmark}: a, e, g), which loads synthetic history and so goes last.
 */
public final class EngineBenchmarks {

    private EngineBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        IngestionBenchmark.measure();
        CeilingBenchmark.main(args);
        System.exit(0);
    }
}
