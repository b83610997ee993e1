package dev.tally.domain.metering;

import dev.tally.api.ClusterId;
import dev.tally.api.FieldErrors;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeResult;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Push ingestion for external collectors: the same command the built-in collector sends. 202 for a new scrape,
 * 200 with the first result for a repeat, 409 SCRAPE_OUT_OF_ORDER for one older than the last accepted.
 */
@RestController
public class ScrapeController {

    private final CommandGateway commands;
    private final Clock clock;

    public ScrapeController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/v1/clusters/{clusterId}/scrapes")
    public ResponseEntity<ScrapeResult> push(@PathVariable String clusterId, @RequestBody ScrapeRequest request) {
        FieldErrors errors = new FieldErrors();
        request.validate(errors);
        errors.throwIfAny();
        ScrapeResult result = commands.sendAndWait(new RecordScrape(ClusterId.of(clusterId), request.scrapeId(),
                request.takenAt(), clock.instant(), request.samples()));
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(result);
    }
}
