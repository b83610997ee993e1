package dev.tally.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountIdTest {

    @Test
    void refusesMalformedIdAsValidationError() {
        assertThatThrownBy(() -> AccountId.of("acme corp"))
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
                .hasMessageStartingWith("accountId ");
    }

    @Test
    void ledgerIdIsTheAccountsCreditsLedger() {
        assertThat(AccountId.of("acme").ledgerId()).isEqualTo("acme/credits");
    }

    @ParameterizedTest
    @MethodSource("dev.tally.api.IdsTest#wellFormed")
    void ledgerIdIsNeverAValidAccountId(String id) {
        assertThat(Ids.isValid(AccountId.of(id).ledgerId())).isFalse();
    }

    @Test
    void toStringIsTheBareValueBecauseAxonUsesItAsAggregateIdentifier() {
        assertThat(AccountId.of("acme")).hasToString("acme");
    }
}
