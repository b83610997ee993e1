package dev.tally.domain.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountClusterAssigned;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountReinstated;
import dev.tally.api.account.AccountStatus;
import dev.tally.api.account.AccountSuspended;
import dev.tally.api.account.AssignCluster;
import dev.tally.api.account.AssignInitialCluster;
import dev.tally.api.account.AssignPriceBook;
import dev.tally.api.account.BillingMode;
import dev.tally.api.account.BillingModeChanged;
import dev.tally.api.account.ChangeBillingMode;
import dev.tally.api.account.CloseAccount;
import dev.tally.api.account.LinkStripeCustomer;
import dev.tally.api.account.LinkSubject;
import dev.tally.api.account.OpenAccount;
import dev.tally.api.account.PriceBookAssigned;
import dev.tally.api.account.ReinstateAccount;
import dev.tally.api.account.StripeCustomerLinked;
import dev.tally.api.account.SubjectLinked;
import dev.tally.api.account.SuspendAccount;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Currency;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A customer account: identity, currency, billing mode and status. Its money lives in {@code Credits}. */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("2") // snapshots taken before the subject was kept lack it: they are ignored and the events replayed
public class Account {

    @AggregateIdentifier
    private AccountId accountId;
    private BillingMode billingMode;
    private AccountStatus status;
    private ClusterId clusterId;
    private PriceBookId priceBookId;
    private Currency currency;
    private String stripeCustomerId;
    private String subject;

    Account() {
    }

    @CommandHandler
    Account(OpenAccount command) {
        apply(new AccountOpened(command.accountId(), command.email(), command.name(), command.currency(),
                command.billingMode(), command.subject(), command.priceBookId(), command.openedAt()));
    }

    @CommandHandler
    void handle(ChangeBillingMode command) {
        requireNotClosed("change the billing mode of");
        if (command.billingMode() != billingMode) {
            apply(new BillingModeChanged(accountId, billingMode, command.billingMode()));
        }
    }

    @CommandHandler
    void handle(SuspendAccount command) {
        requireNotClosed("suspend");
        if (status == AccountStatus.ACTIVE) {
            apply(new AccountSuspended(accountId, command.reason()));
        }
    }

    @CommandHandler
    void handle(ReinstateAccount command) {
        requireNotClosed("reinstate");
        if (status == AccountStatus.SUSPENDED) {
            apply(new AccountReinstated(accountId));
        }
    }

    @CommandHandler
    void handle(AssignCluster command) {
        requireNotClosed("assign a cluster to");
        if (!command.clusterId().equals(clusterId)) {
            apply(new AccountClusterAssigned(accountId, command.clusterId(), clusterId));
        }
    }

    /** The cluster the account is on afterwards: its current one if it has one, else {@code clusterId}. */
    @CommandHandler
    ClusterId handle(AssignInitialCluster command) {
        if (clusterId != null) {
            return clusterId;
        }
        requireNotClosed("assign a cluster to");
        apply(new AccountClusterAssigned(accountId, command.clusterId(), null));
        return command.clusterId();
    }

    @CommandHandler
    void handle(AssignPriceBook command) {
        requireNotClosed("assign a price book to");
        if (!command.priceBookId().equals(priceBookId)) {
            apply(new PriceBookAssigned(accountId, command.priceBookId(), priceBookId, currency));
        }
    }

    /** An account has one Stripe customer: linking another is a conflict, the same one again changes nothing. */
    @CommandHandler
    void handle(LinkStripeCustomer command) {
        if (command.stripeCustomerId().equals(stripeCustomerId)) {
            return;
        }
        if (stripeCustomerId != null) {
            throw DomainException.conflict("account " + accountId + " is already Stripe customer " + stripeCustomerId);
        }
        apply(new StripeCustomerLinked(accountId, command.stripeCustomerId()));
    }

    /** An account signs in as one identity-provider user: linking another is a conflict, the same one a repeat. */
    @CommandHandler
    void handle(LinkSubject command) {
        if (command.subject().equals(subject)) {
            return;
        }
        requireNotClosed("link a subject to");
        if (subject != null) {
            throw DomainException.conflict("account " + accountId + " is already linked to another identity");
        }
        apply(new SubjectLinked(accountId, command.subject()));
    }

    @CommandHandler
    void handle(CloseAccount command) {
        if (status != AccountStatus.CLOSED) {
            apply(new AccountClosed(accountId, command.closedAt()));
        }
    }

    private void requireNotClosed(String action) {
        if (status == AccountStatus.CLOSED) {
            throw DomainException.conflict("cannot " + action + " account " + accountId + ": it is closed");
        }
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        billingMode = event.billingMode();
        currency = event.currency();
        status = AccountStatus.ACTIVE;
        priceBookId = event.priceBookId() == null ? null : PriceBookId.of(event.priceBookId());
        subject = event.subject();
    }

    @EventSourcingHandler
    void on(BillingModeChanged event) {
        billingMode = event.billingMode();
    }

    @EventSourcingHandler
    void on(AccountSuspended event) {
        status = AccountStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(AccountReinstated event) {
        status = AccountStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(AccountClusterAssigned event) {
        clusterId = event.clusterId();
    }

    @EventSourcingHandler
    void on(PriceBookAssigned event) {
        priceBookId = event.priceBookId();
    }

    @EventSourcingHandler
    void on(StripeCustomerLinked event) {
        stripeCustomerId = event.stripeCustomerId();
    }

    @EventSourcingHandler
    void on(SubjectLinked event) {
        subject = event.subject();
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        status = AccountStatus.CLOSED;
    }
}
