package dev.tally.api.credits;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerAccountTest {

    @ParameterizedTest
    @EnumSource(value = GrantKind.class, names = "PURCHASE")
    void purchasesAreFundedByCash(GrantKind kind) {
        assertThat(LedgerAccount.fundingFor(kind)).isEqualTo(LedgerAccount.CASH);
    }

    @ParameterizedTest
    @EnumSource(value = GrantKind.class, names = "PURCHASE", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherGrantIsAnExpense(GrantKind kind) {
        assertThat(LedgerAccount.fundingFor(kind)).isEqualTo(LedgerAccount.GRANTS_EXPENSE);
    }
}
