package dev.tally.app.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.tally.app.config.AxonProperties;
import dev.tally.domain.billing.BillingRelay;
import dev.tally.domain.cluster.ClusterRelay;
import dev.tally.domain.credits.AccountLedgerRelay;
import dev.tally.domain.credits.RatingRelay;
import dev.tally.domain.credits.VoucherRelay;
import dev.tally.domain.pricing.PriceBookRelay;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Axon on PostgreSQL: the JDBC event storage engine, which chains each account's ledger events, and token store on
 * the engine's data source, Jackson for every message, snapshot and token, aggregate caches and snapshots, and pooled
 * streaming processors that stop a failing segment (and retry it) rather than log and skip the event. These beans
 * are declared here because Axon's JDBC auto-configuration does not engage on Spring Boot 4.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /**
     * Jackson 2, as Axon 4's serializer needs: ISO-8601 instants, and records and aggregates by their fields, read and
     * written through generated accessors rather than reflection (Blackbird).
     */
    static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration) {
        return new ChainingEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider), transactionManager);
    }

    /**
     * The event store as Axon's auto-configuration makes it, but keeping {@code tally.axon.cached-events} recent events
     * (2,000) in memory for the processors that follow the head, not 10,000: a 5,000-pod scrape's event is megabytes,
     * and held with the pods a processor deserialized from it; ten thousand recent events took most of a 512 MiB heap
     * (docs/benchmarks.md). A processor further behind reads from the database until it catches up.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                  org.axonframework.config.Configuration configuration, AxonProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(properties.cachedEvents())
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .build();
    }

    @Bean
    Cache aggregateCache(AxonProperties properties) {
        return new BoundedAggregateCache(properties.aggregateCacheSize());
    }

    /**
     * Snapshots are taken on a thread of their own, not on the command's: a command crossing the threshold would
     * otherwise re-read up to a threshold of events and write the snapshot before it answers (a cluster's snapshot,
     * every few scrapes, was a sixth of the scrape threads' time). A snapshot is only a shortcut for loading; one lost
     * to a stop is taken again at the next threshold. The executor depends on the data source, so it is stopped, and
     * its snapshot finished, before the database closes.
     */
    @Bean(destroyMethod = "close")
    ExecutorService snapshotExecutor(DataSource dataSource) {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("snapshotter").daemon().factory());
    }

    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, AxonProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    @Bean
    ProcessorFailures processorFailures() {
        return new ProcessorFailures();
    }

    /**
     * The relays are subscribing: they run in the transaction of the event that caused them, and their failure fails
     * that command, so there is no segment to stop.
     */
    static final List<String> RELAYS = List.of(AccountLedgerRelay.PROCESSING_GROUP, ClusterRelay.PROCESSING_GROUP,
            PriceBookRelay.PROCESSING_GROUP, VoucherRelay.PROCESSING_GROUP, RatingRelay.PROCESSING_GROUP,
            BillingRelay.PROCESSING_GROUP);

    /**
     * Read models are fed by pooled streaming processors. A handler's exception propagates: the segment stops, is
     * reported by {@link ProcessorFailures} (and so by health), and retries the same event; nothing is skipped.
     */
    @Bean
    ConfigurerModule eventProcessingConfigurer(AxonProperties properties, ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing
                    .usingPooledStreamingEventProcessors((config, builder) -> builder
                            .initialSegmentCount(properties.processorSegments())
                            .batchSize(properties.processorBatchSize()))
                    .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                    .registerDefaultErrorHandler(config -> failures)
                    .registerDefaultHandlerInterceptor((config, processor) -> failures.recoveryWatch(processor));
            for (String relay : RELAYS) {
                processing.registerSubscribingEventProcessor(relay)
                        .registerErrorHandler(relay, config -> PropagatingErrorHandler.instance());
            }
        });
    }
}
