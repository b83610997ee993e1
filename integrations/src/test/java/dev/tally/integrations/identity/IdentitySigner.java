package dev.tally.integrations.identity;

import dev.tally.integrations.stripe.webhook.StripeSigner;

import java.time.Instant;

/**
 * Signs a body as the identity provider's action does (README, Identity provider):
 * {@code X-Tally-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, which is Stripe's scheme under
 * another header, so the same test signer computes it (not the verifier, so a test fails if the verifier drifts
 * from the documented scheme).
 */
public final class IdentitySigner {

    private IdentitySigner() {
    }

    public static String header(String secret, String body, Instant signedAt) {
        return StripeSigner.header(secret, body, signedAt);
    }
}
