package dev.tally.api;

import java.util.List;

/** A page of a list, as every list endpoint answers: {@code {"items": [...], "page": 0, "size": 50, "total": 123}}. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
