package dev.tally.domain.credits;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import dev.tally.api.Money;
import dev.tally.api.credits.CreateVoucher;
import dev.tally.api.credits.RedeemVoucher;
import dev.tally.api.credits.VoucherCreated;
import dev.tally.api.credits.VoucherRedeemed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A voucher code: worth an amount, redeemable once per account, by at most so many accounts, until it expires. */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Voucher {

    @AggregateIdentifier
    private String aggregateId;
    private String code;
    private Money amount;
    private int maxRedemptions;
    private Instant expiresAt;
    private Set<AccountId> redeemedBy = new HashSet<>();

    Voucher() {
    }

    @CommandHandler
    Voucher(CreateVoucher command) {
        new FieldErrors()
                .check(command.amount() != null && command.amount().isPositive(), "amount", "must be positive")
                .check(command.maxRedemptions() >= 1, "maxRedemptions", "must be at least 1")
                .check(command.expiresAt() == null || command.expiresAt().isAfter(command.createdAt()), "expiresAt",
                        "must be in the future")
                .throwIfAny();
        apply(new VoucherCreated(command.code(), command.amount(), command.maxRedemptions(), command.expiresAt(),
                command.createdAt()));
    }

    /** Returns the amount the account is granted. */
    @CommandHandler
    Money handle(RedeemVoucher command) {
        if (redeemedBy.contains(command.accountId())) {
            throw DomainException.conflict("account " + command.accountId() + " has already redeemed voucher " + code);
        }
        if (expiresAt != null && !command.redeemedAt().isBefore(expiresAt)) {
            throw DomainException.conflict("voucher " + code + " expired at " + expiresAt);
        }
        if (redeemedBy.size() >= maxRedemptions) {
            throw DomainException.conflict("voucher " + code + " is spent: it was redeemed " + maxRedemptions
                    + " times");
        }
        apply(new VoucherRedeemed(code, command.accountId(), amount, command.redeemedAt()));
        return amount;
    }

    @EventSourcingHandler
    void on(VoucherCreated event) {
        aggregateId = CreateVoucher.voucherAggregateId(event.code());
        code = event.code();
        amount = event.amount();
        maxRedemptions = event.maxRedemptions();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(VoucherRedeemed event) {
        redeemedBy.add(event.accountId());
    }
}
