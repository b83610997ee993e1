/**
 * Tally's edges to other systems: {@code kubernetes} (the usage collector and environment suspension),
 * {@code stripe} (credit purchases, invoice payments, webhooks) and {@code webhooks} (outbound deliveries).
 * Each reaches the domain only by sending commands from {@code dev.tally.api} through Axon's command gateway; the
 * module has no dependency on the domain, and {@code ArchitectureTest} keeps it so. The metering and invoicing
 * issues fill these packages.
 */
package dev.tally.integrations;
