package dev.tally.domain.credits;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.AccountId;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.Money;
import dev.tally.api.MoneyRequest;
import dev.tally.api.MoneyView;
import dev.tally.api.credits.RefundCredits;
import dev.tally.api.credits.ReverseCharge;
import dev.tally.api.credits.SetLowBalanceThreshold;
import dev.tally.domain.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * Admin corrections to a ledger: refunds of purchased credits, reversals of charges, and the low-balance threshold.
 * Each is a posting (or a setting) on the account's Credits aggregate; nothing is ever edited in place.
 */
@RestController
public class CreditAdjustmentController {

    record RefundRequest(String refundId, String grantId, MoneyRequest amount, String reason) {
    }

    record ReversalRequest(String reversalId, String chargeId, MoneyRequest amount, String reason) {
    }

    record ThresholdRequest(MoneyRequest amount, BigDecimal percentOfLastTopUp) {
    }

    /** A refund or a reversal as recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Adjustment(String id, String accountId, String grantId, String chargeId, MoneyView amount,
                             String reason, Instant at) {
    }

    /** The threshold now in force: an amount, a percentage of the last top-up, or neither (low means zero). */
    public record Threshold(String accountId, MoneyView amount, BigDecimal percentOfLastTopUp) {
    }

    private final CommandGateway commands;
    private final Clock clock;
    private final IdGenerator ids;

    public CreditAdjustmentController(CommandGateway commands, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
    }

    /** Pays back unused purchased credits of one grant; CONFLICT for more than is left of it or another kind. */
    @PostMapping("/api/v1/accounts/{accountId}/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    public Adjustment refund(@PathVariable String accountId, @RequestBody RefundRequest request) {
        FieldErrors errors = new FieldErrors()
                .check(request.refundId() == null || Ids.isValid(request.refundId()), "refundId", Ids.RULE)
                .check(Ids.isValid(request.grantId()), "grantId", "must name a purchase grant of the account");
        Money amount = adjustment(request.amount(), request.reason(), errors);
        String refundId = request.refundId() != null ? request.refundId() : ids.next("refund");
        Instant at = clock.instant();
        commands.sendAndWait(new RefundCredits(AccountId.of(accountId), refundId, request.grantId(), amount,
                request.reason(), at));
        return new Adjustment(refundId, accountId, request.grantId(), null, MoneyView.of(amount), request.reason(),
                at);
    }

    /** Gives back charged revenue; CONFLICT for more than was charged and not yet reversed. */
    @PostMapping("/api/v1/accounts/{accountId}/charge-reversals")
    @ResponseStatus(HttpStatus.CREATED)
    public Adjustment reverse(@PathVariable String accountId, @RequestBody ReversalRequest request) {
        FieldErrors errors = new FieldErrors()
                .check(request.reversalId() == null || Ids.isValid(request.reversalId()), "reversalId", Ids.RULE)
                .check(request.chargeId() == null || request.chargeId().length() <= 64, "chargeId",
                        "must be at most 64 characters");
        Money amount = adjustment(request.amount(), request.reason(), errors);
        String reversalId = request.reversalId() != null ? request.reversalId() : ids.next("reversal");
        Instant at = clock.instant();
        commands.sendAndWait(new ReverseCharge(AccountId.of(accountId), reversalId, request.chargeId(), amount,
                request.reason(), at));
        return new Adjustment(reversalId, accountId, null, request.chargeId(), MoneyView.of(amount),
                request.reason(), at);
    }

    @PostMapping("/api/v1/accounts/{accountId}/low-balance-threshold")
    public Threshold threshold(@PathVariable String accountId, @RequestBody ThresholdRequest request) {
        FieldErrors errors = new FieldErrors();
        Money amount = request.amount() == null ? null : request.amount().toPositiveMoney("amount", errors);
        errors.throwIfAny();
        commands.sendAndWait(new SetLowBalanceThreshold(AccountId.of(accountId), amount,
                request.percentOfLastTopUp()));
        return new Threshold(accountId, amount == null ? null : MoneyView.of(amount),
                request.percentOfLastTopUp());
    }

    /** The amount and reason every adjustment needs; throws with every field error at once. */
    private static Money adjustment(MoneyRequest amountRequest, String reason, FieldErrors errors) {
        errors.check(amountRequest != null, "amount", "is required: {\"amount\": \"10.00\", \"currency\": \"EUR\"}")
                .text(reason, "reason", 500);
        Money amount = amountRequest == null ? null : amountRequest.toPositiveMoney("amount", errors);
        errors.throwIfAny();
        return amount;
    }
}
