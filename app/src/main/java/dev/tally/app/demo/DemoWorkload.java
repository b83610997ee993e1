package dev.tally.app.demo;

import dev.tally.api.metering.PodSample;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the demo cluster's pods look like at any instant: a pure function of time, so catching up on a day (say,
 * after the test clock jumped) gives the same scrapes as living through it. Pods restart every six hours (their
 * counters start from zero), the training job runs only in working hours, the school's pods come and go with the
 * hour, a system pod carries no labels, and the collector is down from 03:00 to 03:20 every day.
 */
final class DemoWorkload {

    static final String CLUSTER = "demo";
    static final Duration INTERVAL = Duration.ofSeconds(60);

    /** A demo pod: where it runs, whose it is, and how hard it works. */
    record Pod(String namespace, String name, String account, String environment, BigDecimal cpuCores,
               long memoryBytes, int gpus, long volumeBytes, long egressBytesPerSecond) {
    }

    private static final long GIB = 1L << 30;
    private static final Duration INCARNATION = Duration.ofHours(6);

    private DemoWorkload() {
    }

    /** The collector's outage: no scrape is taken in this part of each day. */
    static boolean collectorDown(Instant at) {
        int minuteOfDay = at.atOffset(ZoneOffset.UTC).getHour() * 60 + at.atOffset(ZoneOffset.UTC).getMinute();
        return minuteOfDay >= 180 && minuteOfDay < 200;
    }

    static List<Pod> podsAt(Instant at) {
        int hour = at.atOffset(ZoneOffset.UTC).getHour();
        List<Pod> pods = new ArrayList<>();
        pods.add(new Pod("lab", "notebook-0", "demo-lab", "lab-notebook", new BigDecimal("1.5"), 4 * GIB, 0,
                20 * GIB, 20_000));
        if (hour >= 8 && hour < 18) {
            pods.add(new Pod("lab", "training-0", "demo-lab", "lab-training", new BigDecimal("3.5"), 24 * GIB, 1,
                    100 * GIB, 5_000));
        }
        for (int i = 0; i < 3; i++) {
            pods.add(new Pod("studio", "web-" + i, "demo-studio", "studio-web", new BigDecimal("0.25"), GIB / 2, 0,
                    0, 250_000));
        }
        for (int i = 0; i < 1 + hour % 4; i++) {
            pods.add(new Pod("school", "jupyter-" + i, "demo-school", "school-jupyter", new BigDecimal("0.5"),
                    2 * GIB, 0, 5 * GIB, 1_000));
        }
        pods.add(new Pod("kube-system", "coredns-0", null, null, new BigDecimal("0.1"), GIB / 8, 0, 0, 50_000));
        return pods;
    }

    /** The pod's sample at {@code at}: counters since its current incarnation started, gauges as of now. */
    static PodSample sample(Pod pod, Instant at) {
        Instant startedAt = Instant.ofEpochSecond(at.getEpochSecond() / INCARNATION.toSeconds()
                * INCARNATION.toSeconds());
        long seconds = Duration.between(startedAt, at).toSeconds();
        // A counter only ever rises within an incarnation: each one runs at its own steady 50 to 80% of the request.
        long busyPercent = 50 + 10L * (startedAt.atOffset(ZoneOffset.UTC).getHour() / 6);
        long cpuNanos = pod.cpuCores().multiply(BigDecimal.valueOf(seconds * busyPercent * 10_000_000L)).longValue();
        long memory = pod.memoryBytes() * (50 + at.truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC).getHour())
                / 100;
        Map<String, String> labels = pod.environment() == null ? Map.of("app", pod.name())
                : Map.of(PodSample.ACCOUNT_LABEL, pod.account(), PodSample.ENVIRONMENT_LABEL, pod.environment());
        List<PodSample.Volume> volumes = pod.volumeBytes() == 0 ? List.of()
                : List.of(new PodSample.Volume(pod.name() + "-data", pod.volumeBytes()));
        return new PodSample(pod.namespace(), pod.name(), uid(pod), labels, startedAt, cpuNanos,
                Math.min(memory, pod.memoryBytes()), seconds * 1_000, seconds * pod.egressBytesPerSecond(),
                new PodSample.Requests(pod.cpuCores(), pod.memoryBytes(), pod.gpus()), volumes);
    }

    /** A stable uid per pod name; Kubernetes keeps the uid across container restarts. */
    private static String uid(Pod pod) {
        return UUID.nameUUIDFromBytes((pod.namespace() + "/" + pod.name()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
