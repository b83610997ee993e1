package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.cluster.ChangeClusterNodes;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeResult;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockExecuteContext;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static dev.tally.schema.jooq.Tables.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@EnableKubernetesMockClient(https = false)
class ClusterCollectorTest {

    private static final Instant NOW = Instant.parse("2024-05-01T09:15:00Z");
    private static final ClusterId C1 = ClusterId.of("c1");

    KubernetesMockServer server;

    private final CommandGateway commands = mock(CommandGateway.class);
    /** The "clusters" read model, served to jOOQ by a mock JDBC connection. */
    private final Map<String, ClusterTarget> readModel = new HashMap<>();
    private ClusterCollector collector;

    @BeforeEach
    void setUp() {
        DSLContext db = DSL.using(new MockConnection(this::clusterRows), SQLDialect.POSTGRES);
        collector = new ClusterCollector(new ClusterDirectory(db), new ClusterConnections(), new ScrapeReader(),
                commands, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void sendsTheNodesThenOneScrapeOfEveryReadablePod() {
        MockCluster.serve(server);
        readModel.put("c1", new ClusterTarget(C1, server.url("/"), null, 900, true));
        ScrapeResult recorded = new ScrapeResult("c1-1714554900000", NOW, 2, 0, 0, false, false);
        when(commands.sendAndWait(any(RecordScrape.class))).thenReturn(recorded);

        ScrapeResult result = collector.collect(C1);

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).containsExactly(
                new ChangeClusterNodes(C1, MockCluster.NODES),
                new RecordScrape(C1, "c1-1714554900000", NOW, NOW, MockCluster.SAMPLES));
        assertThat(result).isEqualTo(recorded);
    }

    @Test
    void anUnreachableClusterIsUnavailableAndNothingIsSent() {
        readModel.put("c1", new ClusterTarget(C1, "http://127.0.0.1:1", null, 900, true));

        assertThatThrownBy(() -> collector.collect(C1))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage())
                            .startsWith("cluster c1 at http://127.0.0.1:1 cannot be scraped: could not connect: ")
                            .doesNotContain("\n");
                });
        verifyNoInteractions(commands);
    }

    @Test
    void anUnknownOrDeregisteredClusterIsNotFound() {
        readModel.put("gone", new ClusterTarget(ClusterId.of("gone"), server.url("/"), null, 900, false));

        assertThatThrownBy(() -> collector.collect(ClusterId.of("nope")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> collector.collect(ClusterId.of("gone")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("cluster gone is deregistered");
        verifyNoInteractions(commands);
    }

    @Test
    void aClusterAnExternalCollectorFeedsIsNotCollectedHere() {
        readModel.put("edge", new ClusterTarget(ClusterId.of("edge"), server.url("/"), "external", 900, true));

        assertThatThrownBy(() -> collector.collect(ClusterId.of("edge")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("cluster edge is fed by an external collector (credentialsRef \"external\"); "
                        + "it cannot be collected here");
        verifyNoInteractions(commands);
    }

    private MockResult[] clusterRows(MockExecuteContext query) {
        DSLContext sql = DSL.using(SQLDialect.POSTGRES);
        Result<Record4<String, String, Integer, String>> rows = sql.newResult(
                CLUSTER.API_URL, CLUSTER.CREDENTIALS_REF, CLUSTER.SCRAPE_INTERVAL_SECONDS, CLUSTER.STATUS);
        ClusterTarget cluster = readModel.get((String) query.bindings()[0]);
        if (cluster != null) {
            rows.add(sql.newRecord(CLUSTER.API_URL, CLUSTER.CREDENTIALS_REF, CLUSTER.SCRAPE_INTERVAL_SECONDS,
                    CLUSTER.STATUS).values(cluster.apiUrl(), cluster.credentialsRef(),
                    cluster.scrapeIntervalSeconds(), cluster.active() ? "ACTIVE" : "DEREGISTERED"));
        }
        return new MockResult[] {new MockResult(rows.size(), rows)};
    }
}
