package dev.tally.query.cluster;

import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.PageView;
import dev.tally.api.metering.Meter;
import dev.tally.query.Paging;
import dev.tally.query.metering.Period;
import dev.tally.query.metering.QuantityView;
import dev.tally.schema.jooq.tables.records.ClusterRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.tally.schema.jooq.Tables.CLUSTER;
import static dev.tally.schema.jooq.Tables.UNATTRIBUTED_USAGE;

/** Clusters from the clusters read model, and the usage on them that no environment claims. */
@RestController
@RequestMapping("/api/v1/clusters")
public class ClusterQueryController {

    private final DSLContext db;

    public ClusterQueryController(DSLContext db) {
        this.db = db;
    }

    @GetMapping
    public PageView<ClusterView> list(@RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return new Paging(page, size).fetch(db, CLUSTER, DSL.noCondition(), ClusterQueryController::view,
                CLUSTER.REGISTERED_AT, CLUSTER.ID);
    }

    @GetMapping("/{clusterId}")
    public ClusterView get(@PathVariable String clusterId) {
        return db.selectFrom(CLUSTER)
                .where(CLUSTER.ID.eq(clusterId))
                .fetchOptional(ClusterQueryController::view)
                .orElseThrow(() -> notFound(clusterId));
    }

    /** Windows starting in {@code [from, to)}, summed per namespace, pod and reason, in display units. */
    @GetMapping("/{clusterId}/unattributed-usage")
    public UnattributedUsageView unattributedUsage(@PathVariable String clusterId,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to) {
        FieldErrors errors = new FieldErrors();
        Period period = Period.required(from, to, errors);
        errors.throwIfAny();
        if (!db.fetchExists(CLUSTER, CLUSTER.ID.eq(clusterId))) {
            throw notFound(clusterId);
        }

        Field<BigDecimal> quantity = DSL.sum(UNATTRIBUTED_USAGE.QUANTITY);
        Map<PodKey, Map<Meter, BigDecimal>> pods = new LinkedHashMap<>();
        db.select(UNATTRIBUTED_USAGE.NAMESPACE, UNATTRIBUTED_USAGE.POD_NAME, UNATTRIBUTED_USAGE.REASON,
                        UNATTRIBUTED_USAGE.METER, quantity)
                .from(UNATTRIBUTED_USAGE)
                .where(UNATTRIBUTED_USAGE.CLUSTER_ID.eq(clusterId)
                        .and(UNATTRIBUTED_USAGE.WINDOW_FROM.ge(period.utcFrom()))
                        .and(UNATTRIBUTED_USAGE.WINDOW_FROM.lt(period.utcTo())))
                .groupBy(UNATTRIBUTED_USAGE.NAMESPACE, UNATTRIBUTED_USAGE.POD_NAME, UNATTRIBUTED_USAGE.REASON,
                        UNATTRIBUTED_USAGE.METER)
                .orderBy(UNATTRIBUTED_USAGE.NAMESPACE, UNATTRIBUTED_USAGE.POD_NAME, UNATTRIBUTED_USAGE.REASON)
                .forEach(row -> pods
                        .computeIfAbsent(new PodKey(row.value1(), row.value2(), row.value3()),
                                key -> new EnumMap<>(Meter.class))
                        .put(Meter.valueOf(row.value4()), row.value5()));
        return new UnattributedUsageView(pods.entrySet().stream()
                .map(pod -> new UnattributedPodView(pod.getKey().namespace(), pod.getKey().pod(),
                        pod.getKey().reason(), pod.getValue().entrySet().stream()
                        .map(meter -> QuantityView.of(meter.getKey(), meter.getValue()))
                        .toList()))
                .toList());
    }

    private record PodKey(String namespace, String pod, String reason) {
    }

    private static DomainException notFound(String clusterId) {
        return DomainException.notFound("no cluster " + clusterId);
    }

    private static ClusterView view(ClusterRecord row) {
        return new ClusterView(row.getId(), row.getName(), row.getApiUrl(), row.getCredentialsRef(),
                row.getMaxAccounts(), row.getAccountsAssigned(), row.getScrapeIntervalSeconds(), row.getStatus(),
                row.getNodeCount(), row.getCpuCores().stripTrailingZeros().toPlainString(), row.getMemoryBytes(),
                row.getGpus(), row.getRegisteredAt().toInstant(), row.getLastScrapeId(),
                instant(row.getLastScrapeAt()));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
