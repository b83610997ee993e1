/**
 * The built-in usage collector: reads pods, nodes and kubelet stats from a cluster's API server
 * ({@link dev.tally.integrations.kubernetes.ScrapeReader}), turns them into {@code RecordScrape} and
 * {@code ChangeClusterNodes} ({@link dev.tally.integrations.kubernetes.ClusterCollector}), and runs that on each
 * active cluster's scrape interval as a durable db-scheduler task
 * ({@link dev.tally.integrations.kubernetes.ClusterCollectionTask}).
 */
package dev.tally.integrations.kubernetes;
