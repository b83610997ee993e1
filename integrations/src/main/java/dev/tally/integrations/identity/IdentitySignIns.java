package dev.tally.integrations.identity;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.Sha256;
import dev.tally.api.account.AccountStatus;
import dev.tally.api.account.AssignInitialCluster;
import dev.tally.api.account.LinkSubject;
import dev.tally.api.account.OpenAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns a sign-in into an account on a cluster: the account linked to the subject; else the open account an admin
 * made for the e-mail, now linked to the subject; else a new one. Then, if it has no cluster, the emptiest cluster
 * with room. The read models only suggest; the aggregates decide, so a repeat or a concurrent first sign-in opens,
 * links and places the account once: a new account's id is derived from the subject (a second opening is refused as
 * "already exists"), and a cluster is given only to an account that has none.
 */
@Component
public class IdentitySignIns {

    /** The account a sign-in landed on; {@code clusterId} null when no cluster had room. */
    public record SignedIn(AccountId accountId, boolean created, ClusterId clusterId) {
    }

    private static final Logger log = LoggerFactory.getLogger(IdentitySignIns.class);

    private final CommandGateway commands;
    private final IdentityAccounts accounts;
    private final IdentityProperties properties;
    private final Clock clock;

    public IdentitySignIns(CommandGateway commands, IdentityAccounts accounts, IdentityProperties properties,
                           Clock clock) {
        this.commands = commands;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    SignedIn signIn(IdentityLogin login) {
        Optional<IdentityAccounts.KnownAccount> linked = accounts.linkedTo(login.subject());
        if (linked.isPresent()) {
            IdentityAccounts.KnownAccount account = linked.get();
            return new SignedIn(account.id(), false,
                    account.status() == AccountStatus.CLOSED ? null : placed(account.id()));
        }
        Optional<AccountId> adopted = login.emailTrusted() ? linkByEmail(login) : Optional.empty();
        if (adopted.isPresent()) {
            return new SignedIn(adopted.get(), false, placed(adopted.get()));
        }
        AccountId id = accountIdFor(login.subject());
        boolean created = open(id, login);
        return new SignedIn(id, created, placed(id));
    }

    /** The id of the account opened for a subject: the same for every sign-in of that user, on every node. */
    public static AccountId accountIdFor(String subject) {
        byte[] digest = Sha256.of(subject.getBytes(StandardCharsets.UTF_8));
        return AccountId.of("usr-" + HexFormat.of().formatHex(digest, 0, 16));
    }

    private Optional<AccountId> linkByEmail(IdentityLogin login) {
        Optional<IdentityAccounts.KnownAccount> unlinked = accounts.unlinkedWithEmail(login.email());
        if (unlinked.isEmpty()) {
            return Optional.empty();
        }
        AccountId id = unlinked.get().id();
        try {
            commands.sendAndWait(new LinkSubject(id, login.subject()));
            log.info("Identity {} linked to account {}, opened for {}", login.subject(), id, login.email());
            return Optional.of(id);
        } catch (DomainException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            // Another identity took it (or it was closed) since the read model looked: this one gets its own.
            return Optional.empty();
        }
    }

    /** True when this call opened it; false when an earlier or concurrent sign-in had. */
    private boolean open(AccountId id, IdentityLogin login) {
        try {
            commands.sendAndWait(new OpenAccount(id, login.email(), login.name(), properties.currency(),
                    properties.billingMode(), login.subject(), properties.defaultPriceBook(), clock.instant()));
            log.info("Identity {} signed in for the first time: account {} opened", login.subject(), id);
            return true;
        } catch (AggregateStreamCreationException alreadyOpened) {
            log.debug("Account {} of identity {} was opened by an earlier or concurrent sign-in", id, login.subject());
            return false;
        }
    }

    /** The account's cluster, given one with room if it has none; null when every cluster is full. */
    private ClusterId placed(AccountId id) {
        Optional<ClusterId> current = accounts.clusterOf(id);
        if (current.isPresent()) {
            return current.get();
        }
        for (ClusterId candidate : accounts.clustersWithRoom()) {
            try {
                return commands.sendAndWait(new AssignInitialCluster(id, candidate));
            } catch (DomainException e) {
                if (e.code() != ErrorCode.CONFLICT) {
                    throw e;
                }
                // Filled since the read model looked: try the next one.
                log.debug("Cluster {} refused account {}: {}", candidate, id, e.getMessage());
            }
        }
        log.warn("No cluster has room for account {}: it is open, without a cluster; register a cluster or raise a "
                + "cluster's maxAccounts, and the account's next sign-in places it", id);
        return null;
    }
}
