package dev.tally.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

    static Stream<String> wellFormed() {
        return Stream.of("a", "7", "acme", "Acme-Prod_2.eu", "a".repeat(64));
    }

    static Stream<String> malformed() {
        return Stream.of("-acme", ".acme", "_acme", "acme corp", "acme/credits", "acme:1", "ümlaut", "acme\n",
                "a".repeat(65));
    }

    @ParameterizedTest
    @MethodSource("wellFormed")
    void acceptsWellFormedIds(String id) {
        assertThat(Ids.isValid(id)).isTrue();
        assertThat(Ids.require("grantId", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("malformed")
    void refusesMalformedIdsAsValidationError(String id) {
        assertThat(Ids.isValid(id)).isFalse();
        assertThatThrownBy(() -> Ids.require("grantId", id))
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_ERROR))
                .hasMessageStartingWith("grantId ");
    }
}
