package dev.tally.domain.account;

import dev.tally.api.AccountId;
import dev.tally.api.CurrencyCodes;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.AccountStatus;
import dev.tally.api.account.AccountView;
import dev.tally.api.account.AssignPriceBook;
import dev.tally.api.account.BillingMode;
import dev.tally.api.account.ChangeBillingMode;
import dev.tally.api.account.CloseAccount;
import dev.tally.api.account.OpenAccount;
import dev.tally.api.account.ReinstateAccount;
import dev.tally.api.account.SuspendAccount;
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

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;

/** Admin commands on accounts (API.md, Accounts). */
@RestController
@RequestMapping("/api/v1/accounts")
public class AccountCommandController {

    private final CommandGateway commands;
    private final Clock clock;
    private final IdGenerator ids;

    public AccountCommandController(CommandGateway commands, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
    }

    @PostMapping
    public ResponseEntity<AccountView> open(@RequestBody OpenAccountRequest request) {
        FieldErrors errors = new FieldErrors();
        request.validate(errors);
        Currency currency = CurrencyCodes.parse(request.currency());
        errors.check(currency != null, "currency", "must be an ISO 4217 currency code such as \"EUR\"");
        errors.throwIfAny();

        AccountId accountId = AccountId.of(request.id() != null ? request.id() : ids.next("acc"));
        Instant openedAt = clock.instant();
        commands.sendAndWait(new OpenAccount(accountId, request.email(), request.name(), currency,
                request.billingMode(), request.subject(), request.priceBookId(), openedAt));
        AccountView view = new AccountView(accountId.value(), request.email(), request.name(),
                currency.getCurrencyCode(), request.billingMode(), AccountStatus.ACTIVE, request.subject(),
                request.priceBookId(), openedAt);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountId)).body(view);
    }

    record BillingModeRequest(BillingMode billingMode) {
    }

    @PostMapping("/{accountId}/billing-mode")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void changeBillingMode(@PathVariable String accountId, @RequestBody BillingModeRequest request) {
        new FieldErrors().check(request.billingMode() != null, "billingMode", "must be PREPAID or POSTPAID")
                .throwIfAny();
        commands.sendAndWait(new ChangeBillingMode(AccountId.of(accountId), request.billingMode()));
    }

    record SuspendRequest(String reason) {
    }

    @PostMapping("/{accountId}/suspend")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void suspend(@PathVariable String accountId, @RequestBody(required = false) SuspendRequest request) {
        String reason = request == null || request.reason() == null ? "suspended by an admin" : request.reason();
        commands.sendAndWait(new SuspendAccount(AccountId.of(accountId), reason));
    }

    @PostMapping("/{accountId}/reinstate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void reinstate(@PathVariable String accountId) {
        commands.sendAndWait(new ReinstateAccount(AccountId.of(accountId)));
    }

    record PriceBookRequest(String priceBookId) {
    }

    /** NOT_FOUND for an unknown price book, CONFLICT for one in another currency than the account's. */
    @PostMapping("/{accountId}/price-book")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void assignPriceBook(@PathVariable String accountId, @RequestBody PriceBookRequest request) {
        new FieldErrors().check(Ids.isValid(request.priceBookId()), "priceBookId", Ids.RULE).throwIfAny();
        commands.sendAndWait(new AssignPriceBook(AccountId.of(accountId), PriceBookId.of(request.priceBookId())));
    }

    @PostMapping("/{accountId}/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void close(@PathVariable String accountId) {
        commands.sendAndWait(new CloseAccount(AccountId.of(accountId), clock.instant()));
    }
}
