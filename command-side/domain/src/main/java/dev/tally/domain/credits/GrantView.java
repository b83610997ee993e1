package dev.tally.domain.credits;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;
import dev.tally.api.credits.GrantKind;

import java.time.Instant;

/** A grant as POST /accounts/{id}/credit-grants answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantView(String grantId,
                        String accountId,
                        GrantKind kind,
                        MoneyView amount,
                        Instant grantedAt,
                        Instant expiresAt,
                        String note) {
}
