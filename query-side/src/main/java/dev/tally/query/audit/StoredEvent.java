package dev.tally.query.audit;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.time.Instant;

/**
 * One event as the event store holds it: its place ({@code globalIndex}), its aggregate and sequence, the instant
 * it was recorded, and the exact bytes of its payload and metadata. Auditing reads these, not the read models.
 */
public record StoredEvent(long globalIndex,
                          String eventId,
                          String aggregateType,
                          String aggregateId,
                          long sequence,
                          Instant recordedAt,
                          String payloadType,
                          String payloadRevision,
                          byte[] payload,
                          byte[] metaData) {

    /** The payload as the event class it was stored as. */
    public Object payload(Serializer serializer) {
        return serializer.deserialize(
                new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision));
    }

    public MetaData metaData(Serializer serializer) {
        if (metaData == null) {
            return MetaData.emptyInstance();
        }
        return serializer.deserialize(
                new SimpleSerializedObject<>(metaData, byte[].class, MetaData.class.getName(), null));
    }
}
