package dev.tally.integrations.stripe.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs a payload the way Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">}
 * keyed with the whole endpoint secret, {@code whsec_} included. Computed here, not with stripe-java, so a test
 * fails if Tally's verification stops following Stripe's scheme.
 */
public final class StripeSigner {

    private StripeSigner() {
    }

    public static String header(String secret, String payload, Instant signedAt) {
        long t = signedAt.getEpochSecond();
        return "t=" + t + ",v1=" + hmacSha256(secret, t + "." + payload);
    }

    private static String hmacSha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
