package dev.tally.app.axon;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedAggregateCacheTest {

    private final BoundedAggregateCache cache = new BoundedAggregateCache(2);

    @Test
    void dropsTheLeastRecentlyUsedPastItsCapacityAndSaysSo() {
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", "A");
        cache.put("b", "B");
        cache.get("a");

        cache.put("c", "C");

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(expired).containsExactly("b");
    }

    @Test
    void updatesRemovesAndComputesLikeAxonsCaches() {
        assertThat(cache.putIfAbsent("a", "A")).isTrue();
        assertThat(cache.putIfAbsent("a", "other")).isFalse();
        cache.computeIfPresent("a", (String value) -> value + "2");
        assertThat(cache.<String, String>get("a")).isEqualTo("A2");
        assertThat(cache.computeIfAbsent("b", () -> "B")).isEqualTo("B");
        assertThat(cache.computeIfAbsent("b", () -> "other")).isEqualTo("B");

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new BoundedAggregateCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
