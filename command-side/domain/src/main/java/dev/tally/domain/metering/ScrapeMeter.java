package dev.tally.domain.metering;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.PodSample;
import dev.tally.api.metering.RecordScrape;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Measures a scrape for the Cluster aggregate: attributes each pod, then computes its usage since its baseline. */
public final class ScrapeMeter {

    /** A pod's last accepted sample and the scrape it came with. */
    public record Baseline(String scrapeId, Instant takenAt, PodSample sample) {
    }

    /** An environment the cluster attributes pods to: whose it is and the namespace its pods run in. */
    public record AttachedEnvironment(AccountId accountId, String namespace) {
    }

    private ScrapeMeter() {
    }

    /** UsageMeasured and UnattributedUsageMeasured events for the scrape, per owner, window and hour. */
    public static List<Object> measure(ClusterId clusterId, RecordScrape scrape, MeteringPolicy policy,
                                       Map<String, Baseline> baselines,
                                       Map<String, AttachedEnvironment> environments) {
        return UsageCalculator.measure(clusterId, scrape.scrapeId(), scrape.takenAt(), scrape.pods(), baselines,
                policy, pod -> ownerOf(pod, environments));
    }

    /**
     * A pod belongs to the environment named by its tally.dev/environment label when that environment is attached
     * to the cluster, runs in the pod's namespace, and (if the pod names an account too) belongs to that account.
     */
    static UsageCalculator.Owner ownerOf(PodSample pod, Map<String, AttachedEnvironment> environments) {
        Map<String, String> labels = pod.labels() == null ? Map.of() : pod.labels();
        String environmentLabel = labels.get(PodSample.ENVIRONMENT_LABEL);
        String accountLabel = labels.get(PodSample.ACCOUNT_LABEL);
        String reason;
        if (environmentLabel == null) {
            reason = "no " + PodSample.ENVIRONMENT_LABEL + " label";
        } else if (!environments.containsKey(environmentLabel)) {
            reason = "unknown environment '" + environmentLabel + "'";
        } else {
            AttachedEnvironment environment = environments.get(environmentLabel);
            if (!environment.namespace().equals(pod.namespace())) {
                reason = "environment " + environmentLabel + " runs in namespace " + environment.namespace();
            } else if (accountLabel != null && !accountLabel.equals(environment.accountId().value())) {
                reason = "account label '" + accountLabel + "' is not the environment's account";
            } else {
                return new UsageCalculator.Owner.Environment(EnvironmentId.of(environmentLabel),
                        environment.accountId());
            }
        }
        return new UsageCalculator.Owner.Nobody(pod.namespace(), pod.name(), pod.uid(), reason);
    }
}
