package dev.tally.domain.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.account.AssignCluster;
import dev.tally.api.cluster.DeregisterCluster;
import dev.tally.api.cluster.RegisterCluster;
import dev.tally.domain.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/** Admin commands on clusters and on which cluster an account's workloads run (API.md, Clusters). */
@RestController
public class ClusterCommandController {

    static final int DEFAULT_SCRAPE_INTERVAL_SECONDS = 60;

    record RegisterClusterRequest(String id, String name, String apiUrl, String credentialsRef, Integer maxAccounts,
                                  Integer scrapeIntervalSeconds) {
    }

    /** The cluster as registered. */
    public record RegisteredCluster(String id, String name, String apiUrl, String credentialsRef, int maxAccounts,
                                    int scrapeIntervalSeconds, Instant registeredAt) {
    }

    record ClusterAssignmentRequest(String clusterId) {
    }

    private final CommandGateway commands;
    private final Clock clock;
    private final IdGenerator ids;

    public ClusterCommandController(CommandGateway commands, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
    }

    @PostMapping("/api/v1/clusters")
    public ResponseEntity<RegisteredCluster> register(@RequestBody RegisterClusterRequest request) {
        int interval = request.scrapeIntervalSeconds() == null
                ? DEFAULT_SCRAPE_INTERVAL_SECONDS : request.scrapeIntervalSeconds();
        new FieldErrors()
                .check(request.id() == null || Ids.isValid(request.id()), "id", Ids.RULE)
                .text(request.name(), "name", 200)
                .check(request.apiUrl() != null && request.apiUrl().matches("https?://\\S{1,490}"), "apiUrl",
                        "must be the cluster API server's http(s) URL")
                .check(request.credentialsRef() == null || request.credentialsRef().length() <= 500,
                        "credentialsRef", "must be at most 500 characters")
                .check(request.maxAccounts() != null && request.maxAccounts() >= 1, "maxAccounts",
                        "must be at least 1")
                .check(interval >= 10 && interval <= 86_400, "scrapeIntervalSeconds", "must be 10 to 86400")
                .throwIfAny();
        ClusterId clusterId = ClusterId.of(request.id() != null ? request.id() : ids.next("cluster"));
        Instant registeredAt = clock.instant();
        commands.sendAndWait(new RegisterCluster(clusterId, request.name(), request.apiUrl(),
                request.credentialsRef(), request.maxAccounts(), interval, registeredAt));
        return ResponseEntity.created(URI.create("/api/v1/clusters/" + clusterId))
                .body(new RegisteredCluster(clusterId.value(), request.name(), request.apiUrl(),
                        request.credentialsRef(), request.maxAccounts(), interval, registeredAt));
    }

    @PostMapping("/api/v1/clusters/{clusterId}/deregister")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deregister(@PathVariable String clusterId) {
        commands.sendAndWait(new DeregisterCluster(ClusterId.of(clusterId), clock.instant()));
    }

    /** Refused with CONFLICT when the cluster has no room (its maxAccounts are taken). */
    @PostMapping("/api/v1/accounts/{accountId}/cluster-assignment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void assign(@PathVariable String accountId, @RequestBody ClusterAssignmentRequest request) {
        new FieldErrors().check(Ids.isValid(request.clusterId()), "clusterId", Ids.RULE).throwIfAny();
        commands.sendAndWait(new AssignCluster(AccountId.of(accountId), ClusterId.of(request.clusterId())));
    }
}
