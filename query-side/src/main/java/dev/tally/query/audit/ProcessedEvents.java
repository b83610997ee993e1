package dev.tally.query.audit;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.HashMap;
import java.util.Map;

/**
 * Which stored events a processing group has handled, read from its tokens in the token store (in the same
 * transaction as its read model, so the two agree). A read model is compared only with the events its processor has
 * reached: a verification during ingestion must not report the processor's lag as a mismatch. An event belongs to
 * the segment its aggregate identifier hashes into (Axon's default sequencing per aggregate) and is handled when
 * that segment's token covers its global index (and it is not one of the token's gaps).
 */
final class ProcessedEvents {

    private static final Field<String> PROCESSOR = DSL.field(DSL.name("processorname"), SQLDataType.VARCHAR);
    private static final Field<Integer> SEGMENT = DSL.field(DSL.name("segment"), SQLDataType.INTEGER);
    private static final Field<byte[]> TOKEN = DSL.field(DSL.name("token"), SQLDataType.BLOB);
    private static final Field<String> TOKEN_TYPE = DSL.field(DSL.name("tokentype"), SQLDataType.VARCHAR);

    private final Map<Segment, TrackingToken> tokens;

    private ProcessedEvents(Map<Segment, TrackingToken> tokens) {
        this.tokens = tokens;
    }

    static ProcessedEvents of(String processingGroup, DSLContext db, Serializer serializer) {
        var rows = db.select(SEGMENT, TOKEN, TOKEN_TYPE)
                .from(DSL.table(DSL.name("tokenentry")))
                .where(PROCESSOR.eq(processingGroup))
                .fetch();
        int[] segmentIds = rows.stream().mapToInt(row -> row.get(SEGMENT)).toArray();
        Map<Segment, TrackingToken> tokens = new HashMap<>();
        for (var row : rows) {
            byte[] token = row.get(TOKEN);
            tokens.put(Segment.computeSegment(row.get(SEGMENT), segmentIds), token == null ? null
                    : WrappedToken.unwrapLowerBound(serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, row.get(TOKEN_TYPE), null))));
        }
        return new ProcessedEvents(tokens);
    }

    boolean handled(StoredEvent event) {
        for (var entry : tokens.entrySet()) {
            if (entry.getKey().matches(event.aggregateId())) {
                return covers(entry.getValue(), event.globalIndex());
            }
        }
        return false;
    }

    private static boolean covers(TrackingToken token, long index) {
        return switch (token) {
            case null -> false;
            case GapAwareTrackingToken gapAware -> index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
            case GlobalSequenceTrackingToken global -> index <= global.getGlobalIndex();
            default -> token.position().orElse(-1) >= index;
        };
    }
}
