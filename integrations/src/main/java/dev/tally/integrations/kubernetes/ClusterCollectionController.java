package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;
import dev.tally.api.metering.ScrapeResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin actions on a cluster's collection (API.md, clusters): scrape now, and test the connection. */
@RestController
@RequestMapping("/api/v1/clusters/{clusterId}")
public class ClusterCollectionController {

    private final ClusterCollector collector;
    private final ConnectionTester tester;

    public ClusterCollectionController(ClusterCollector collector, ConnectionTester tester) {
        this.collector = collector;
        this.tester = tester;
    }

    /** 200 with the scrape's result; 404 for an unknown or deregistered cluster, 503 when it cannot be read. */
    @PostMapping("/collect")
    public ScrapeResult collect(@PathVariable String clusterId) {
        return collector.collect(ClusterId.of(clusterId));
    }

    /** Always 200 for a known cluster: an unreachable one is reported, with why, not raised. */
    @PostMapping("/connection-test")
    public ConnectionReport testConnection(@PathVariable String clusterId) {
        return tester.test(ClusterId.of(clusterId));
    }
}
