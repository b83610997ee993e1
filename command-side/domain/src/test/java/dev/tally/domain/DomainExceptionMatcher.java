package dev.tally.domain;

import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

import static org.hamcrest.Matchers.equalTo;

/** Matches a refusal by its error code, the one thing the web layer reads from it. */
public final class DomainExceptionMatcher extends FeatureMatcher<DomainException, ErrorCode> {

    private DomainExceptionMatcher(ErrorCode code) {
        super(equalTo(code), "a DomainException with code", "code");
    }

    public static Matcher<DomainException> domainException(ErrorCode code) {
        return new DomainExceptionMatcher(code);
    }

    @Override
    protected ErrorCode featureValueOf(DomainException actual) {
        return actual.code();
    }
}
