package dev.tally.query;

import dev.tally.api.DomainException;

/** {@code ?page=0&size=50}, checked: size 1 to 500 (API.md, Conventions). */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0) {
            throw DomainException.validation("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.validation("size must be between 1 and " + MAX_SIZE);
        }
    }

    public int offset() {
        return page * size;
    }
}
