package dev.tally.domain.credits;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.CreditLedgerClosed;
import dev.tally.api.credits.CreditLedgerOpened;
import dev.tally.api.credits.CreditsExpired;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantExpiryDue;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.LedgerBillingModeChanged;
import dev.tally.api.credits.OpenCreditLedger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account's money ledger: grants with their remainders, and the balance. Every movement is an event that names
 * the two ledger accounts it moves money between.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Credits {

    @AggregateIdentifier
    private String ledgerId;
    private AccountId accountId;
    private Currency currency;
    private BillingMode billingMode;
    private boolean closed;
    private Map<String, Grant> grants = new LinkedHashMap<>();

    Credits() {
    }

    @CommandHandler
    Credits(OpenCreditLedger command) {
        apply(new CreditLedgerOpened(command.accountId(), command.currency(), command.billingMode()));
    }

    @CommandHandler
    void handle(ChangeLedgerBillingMode command) {
        if (command.billingMode() != billingMode) {
            apply(new LedgerBillingModeChanged(accountId, command.billingMode()));
        }
    }

    @CommandHandler
    void handle(CloseCreditLedger command) {
        if (!closed) {
            apply(new CreditLedgerClosed(accountId, command.closedAt()));
        }
    }

    @CommandHandler
    void handle(GrantCredits command, DeadlineManager deadlineManager) {
        Grant existing = grants.get(command.grantId());
        if (existing != null) {
            if (existing.isSameGrantAs(command)) {
                return;
            }
            throw DomainException.conflict("grant " + command.grantId() + " already exists with other terms");
        }
        if (closed) {
            throw DomainException.conflict("account " + accountId + " is closed and takes no grants");
        }
        if (!command.amount().currency().equals(currency)) {
            throw DomainException.validation("amount must be in the account's currency " + currency);
        }
        if (!command.amount().isPositive()) {
            throw DomainException.validation("amount must be positive");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(command.grantedAt())) {
            throw DomainException.validation("expiresAt must be after the grant is made");
        }
        apply(new CreditsGranted(accountId, command.grantId(), command.kind(), command.amount(),
                command.grantedAt(), command.expiresAt(), command.note(),
                LedgerAccount.fundingFor(command.kind()), LedgerAccount.CUSTOMER_CREDIT));
        if (command.expiresAt() != null) {
            deadlineManager.schedule(command.expiresAt(), GrantExpiryDue.DEADLINE_NAME,
                    new GrantExpiryDue(command.grantId()));
        }
    }

    /** Runs once the grant's expiry is due; a repeat, or a grant already used up, changes nothing. */
    @DeadlineHandler(deadlineName = GrantExpiryDue.DEADLINE_NAME)
    void on(GrantExpiryDue due) {
        Grant grant = grants.get(due.grantId());
        if (grant != null && grant.remaining().isPositive()) {
            apply(new CreditsExpired(accountId, due.grantId(), grant.remaining(), grant.expiresAt(),
                    LedgerAccount.CUSTOMER_CREDIT, LedgerAccount.BREAKAGE));
        }
    }

    @EventSourcingHandler
    void on(CreditLedgerOpened event) {
        ledgerId = event.accountId().ledgerId();
        accountId = event.accountId();
        currency = event.currency();
        billingMode = event.billingMode();
    }

    @EventSourcingHandler
    void on(LedgerBillingModeChanged event) {
        billingMode = event.billingMode();
    }

    @EventSourcingHandler
    void on(CreditLedgerClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(CreditsGranted event) {
        grants.put(event.grantId(), new Grant(event.kind(), event.amount(), event.amount(), event.grantedAt(),
                event.expiresAt(), event.note()));
    }

    @EventSourcingHandler
    void on(CreditsExpired event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.reducedBy(event.amount()));
    }

    /** A grant and what is left of it. */
    record Grant(GrantKind kind,
                 Money amount,
                 Money remaining,
                 Instant grantedAt,
                 Instant expiresAt,
                 String note) {

        Grant reducedBy(Money used) {
            return new Grant(kind, amount, remaining.minus(used), grantedAt, expiresAt, note);
        }

        boolean isSameGrantAs(GrantCredits command) {
            return kind == command.kind() && amount.equals(command.amount())
                    && Objects.equals(expiresAt, command.expiresAt()) && Objects.equals(note, command.note());
        }
    }
}
