package dev.tally.integrations.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs a body as the identity provider's action does (README, Identity provider):
 * {@code X-Tally-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. Written out here rather than
 * borrowed from the verifier, so a test fails if the verifier drifts from the documented scheme.
 */
public final class IdentitySigner {

    private IdentitySigner() {
    }

    public static String header(String secret, String body, Instant signedAt) {
        long t = signedAt.getEpochSecond();
        return "t=" + t + ",v1=" + hmacSha256(secret, t + "." + body);
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
