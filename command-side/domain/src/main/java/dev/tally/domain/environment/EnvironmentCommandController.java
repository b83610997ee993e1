package dev.tally.domain.environment;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.environment.DeleteEnvironment;
import dev.tally.api.environment.RegisterEnvironment;
import dev.tally.api.environment.ResizeEnvironment;
import dev.tally.api.environment.Resources;
import dev.tally.api.environment.StartEnvironment;
import dev.tally.api.environment.StopEnvironment;
import dev.tally.domain.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/** Admin commands on environments (API.md, Clusters, environments, scrapes). */
@RestController
@RequestMapping("/api/v1/environments")
public class EnvironmentCommandController {

    /** A DNS-1123 label, as Kubernetes namespaces are. */
    private static final String NAMESPACE = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    record RegisterEnvironmentRequest(String id, String accountId, String clusterId, String name, String namespace,
                                      String tier, Integer maxUptimeMinutes) {
    }

    /** The environment as registered. */
    public record RegisteredEnvironment(String id, String accountId, String clusterId, String name, String namespace,
                                        String tier, Integer maxUptimeMinutes, Instant registeredAt) {
    }

    record ResizeRequest(BigDecimal cpuCores, Long memoryBytes, Integer gpus) {
    }

    private final CommandGateway commands;
    private final Clock clock;
    private final IdGenerator ids;

    public EnvironmentCommandController(CommandGateway commands, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
    }

    /** Refused with CONFLICT unless the account is assigned to the cluster. */
    @PostMapping
    public ResponseEntity<RegisteredEnvironment> register(@RequestBody RegisterEnvironmentRequest request) {
        new FieldErrors()
                .check(request.id() == null || Ids.isValid(request.id()), "id", Ids.RULE)
                .check(Ids.isValid(request.accountId()), "accountId", Ids.RULE)
                .check(Ids.isValid(request.clusterId()), "clusterId", Ids.RULE)
                .text(request.name(), "name", 200)
                .check(request.namespace() != null && request.namespace().matches(NAMESPACE), "namespace",
                        "must be a Kubernetes namespace name (DNS-1123 label)")
                .check(request.tier() == null || request.tier().length() <= 64, "tier", "must be at most 64 characters")
                .check(request.maxUptimeMinutes() == null || request.maxUptimeMinutes() >= 1, "maxUptimeMinutes",
                        "must be at least 1")
                .throwIfAny();
        EnvironmentId environmentId = EnvironmentId.of(request.id() != null ? request.id() : ids.next("env"));
        Instant registeredAt = clock.instant();
        commands.sendAndWait(new RegisterEnvironment(environmentId, AccountId.of(request.accountId()),
                ClusterId.of(request.clusterId()), request.name(), request.namespace(), request.tier(),
                request.maxUptimeMinutes(), registeredAt));
        return ResponseEntity.created(URI.create("/api/v1/environments/" + environmentId))
                .body(new RegisteredEnvironment(environmentId.value(), request.accountId(), request.clusterId(),
                        request.name(), request.namespace(), request.tier(), request.maxUptimeMinutes(),
                        registeredAt));
    }

    @PostMapping("/{environmentId}/start")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void start(@PathVariable String environmentId) {
        commands.sendAndWait(new StartEnvironment(EnvironmentId.of(environmentId), clock.instant()));
    }

    @PostMapping("/{environmentId}/stop")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void stop(@PathVariable String environmentId) {
        commands.sendAndWait(new StopEnvironment(EnvironmentId.of(environmentId), clock.instant()));
    }

    @PostMapping("/{environmentId}/resize")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void resize(@PathVariable String environmentId, @RequestBody ResizeRequest request) {
        new FieldErrors()
                .check(request.cpuCores() != null && request.cpuCores().signum() > 0, "cpuCores", "must be positive")
                .check(request.memoryBytes() != null && request.memoryBytes() > 0, "memoryBytes", "must be positive")
                .check(request.gpus() == null || request.gpus() >= 0, "gpus", "must be 0 or more")
                .throwIfAny();
        commands.sendAndWait(new ResizeEnvironment(EnvironmentId.of(environmentId), new Resources(request.cpuCores(),
                request.memoryBytes(), request.gpus() == null ? 0 : request.gpus()), clock.instant()));
    }

    @PostMapping("/{environmentId}/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String environmentId) {
        commands.sendAndWait(new DeleteEnvironment(EnvironmentId.of(environmentId), clock.instant()));
    }
}
