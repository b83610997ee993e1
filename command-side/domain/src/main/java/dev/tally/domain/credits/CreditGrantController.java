package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.FieldErrors;
import dev.tally.api.Money;
import dev.tally.api.MoneyView;
import dev.tally.api.credits.GrantCredits;
import dev.tally.domain.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** Admin grants of credits (API.md, Credits and balance). */
@RestController
public class CreditGrantController {

    private final CommandGateway commands;
    private final Clock clock;
    private final IdGenerator ids;

    public CreditGrantController(CommandGateway commands, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
    }

    @PostMapping("/api/v1/accounts/{accountId}/credit-grants")
    @ResponseStatus(HttpStatus.CREATED)
    public GrantView grant(@PathVariable String accountId, @RequestBody GrantCreditsRequest request) {
        FieldErrors errors = new FieldErrors();
        request.validate(errors);
        Money amount = request.amount() == null ? null : request.amount().toPositiveMoney("amount", errors);
        errors.throwIfAny();

        String grantId = request.grantId() != null ? request.grantId() : ids.next("grant");
        Instant grantedAt = clock.instant();
        commands.sendAndWait(new GrantCredits(AccountId.of(accountId), grantId, request.kind(), amount, grantedAt,
                request.expiresAt(), request.note()));
        return new GrantView(grantId, accountId, request.kind(), MoneyView.of(amount), grantedAt,
                request.expiresAt(), request.note());
    }
}
