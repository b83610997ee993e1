package dev.tally.api.account;

import dev.tally.api.AccountId;

public record AccountReinstated(AccountId accountId) {
}
