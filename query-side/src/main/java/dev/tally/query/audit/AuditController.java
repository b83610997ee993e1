package dev.tally.query.audit;

import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import org.axonframework.serialization.Serializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The auditor's replays: an account's balance as of any instant from its events alone, and the verification of the
 * read models against a replay of the events (one account, or all).
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    /** {@code accountId} absent: every account. */
    public record VerifyRequest(String accountId) {
    }

    private final StoredEvents events;
    private final Serializer serializer;
    private final ReadModelVerifier verifier;
    private final LastVerification lastVerification;
    private final Clock clock;

    public AuditController(StoredEvents events, Serializer serializer, ReadModelVerifier verifier,
                           LastVerification lastVerification, Clock clock) {
        this.events = events;
        this.serializer = serializer;
        this.verifier = verifier;
        this.lastVerification = lastVerification;
        this.clock = clock;
    }

    /**
     * The balance from the account's ledger events recorded at or before {@code asOf} (default: now). An account
     * whose ledger had no event by then is NOT_FOUND.
     */
    @GetMapping("/accounts/{accountId}/balance")
    public ReplayedBalanceView balanceAsOf(@PathVariable String accountId,
                                           @RequestParam(required = false) Instant asOf) {
        Instant at = asOf == null ? clock.instant() : asOf;
        LedgerReplay replay = events.read(() -> {
            LedgerReplay ledger = new LedgerReplay();
            try (Stream<StoredEvent> stored = events.ofAggregate(AccountId.of(accountId).ledgerId())) {
                stored.filter(event -> !event.recordedAt().isAfter(at))
                        .forEach(event -> ledger.apply(event, event.payload(serializer)));
            }
            return ledger;
        });
        if (!replay.opened()) {
            throw DomainException.notFound("no ledger for account " + accountId + " as of " + at);
        }
        return ReplayedBalanceView.of(accountId, at, replay);
    }

    @PostMapping("/verify")
    public Verification verify(@RequestBody(required = false) VerifyRequest request) {
        if (request != null && request.accountId() != null) {
            return verifier.verify(AccountId.of(request.accountId()));
        }
        return lastVerification.record(verifier.verifyAll());
    }
}
