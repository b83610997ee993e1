/**
 * The identity provider's webhook, {@code POST /api/v1/webhooks/identity}: a signed post-login call (an Auth0
 * action) opens the user's account if new, links the provider's subject to it, and places it on a cluster with room.
 * The signature is verified before the body is read ({@link dev.tally.integrations.identity.IdentitySignature}); the
 * rest is commands ({@link dev.tally.integrations.identity.IdentitySignIns}).
 */
package dev.tally.integrations.identity;
