package dev.tally.integrations.identity;

import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Checks that an identity webhook comes from the identity provider, by Stripe's scheme:
 * {@code X-Tally-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the shared secret>},
 * made within five minutes of now (either way). Several {@code v1} values may be sent while a secret is rotated;
 * one matching is enough. An Auth0 post-login action signs its call with Node's crypto:
 * <pre>{@code
 * const body = JSON.stringify({ subject: event.user.user_id, email: event.user.email, name: event.user.name,
 *                               emailVerified: event.user.email_verified });
 * const t = Math.floor(Date.now() / 1000);
 * const v1 = crypto.createHmac('sha256', event.secrets.TALLY_IDENTITY_WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex');
 * // POST body to <tally>/api/v1/webhooks/identity with the header X-Tally-Signature: `t=${t},v1=${v1}`
 * }</pre>
 */
@Component
public class IdentitySignature {

    public static final String HEADER = "X-Tally-Signature";
    /** A captured call cannot be replayed later than this, nor be signed ahead for later use. */
    public static final long TOLERANCE_SECONDS = 300;

    private static final Logger log = LoggerFactory.getLogger(IdentitySignature.class);
    private static final String REFUSED = "the " + HEADER + " does not verify: it must be t=<unix seconds>,v1=<hex "
            + "HMAC-SHA256 of \"<t>.<body>\" with the shared secret>, made within " + TOLERANCE_SECONDS + " seconds";

    private final IdentityProperties properties;
    /** Real time, not the engine's clock, which may be a test clock standing elsewhere. */
    private final Clock wallClock;

    @Autowired
    public IdentitySignature(IdentityProperties properties) {
        this(properties, Clock.systemUTC());
    }

    IdentitySignature(IdentityProperties properties, Clock wallClock) {
        this.properties = properties;
        this.wallClock = wallClock;
    }

    /**
     * Returns normally when {@code body} was signed with the secret within the tolerance. INTEGRATION_DISABLED
     * without a secret; VALIDATION_ERROR for a missing, malformed, wrong or stale signature.
     */
    public void verify(byte[] body, String header) {
        String secret = properties.webhookSecret();
        if (secret == null) {
            throw new DomainException(ErrorCode.INTEGRATION_DISABLED, "the identity webhook is not configured here: set "
                    + "TALLY_IDENTITY_WEBHOOK_SECRET to the secret the identity provider signs its calls with");
        }
        if (header == null || header.isBlank()) {
            throw DomainException.validation("the " + HEADER + " header is missing");
        }
        Long timestamp = null;
        boolean matched = false;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && timestamp == null) {
                timestamp = parseSeconds(pair[1]);
            }
        }
        if (timestamp == null) {
            throw refuse("no timestamp");
        }
        byte[] expected = hmacSha256(secret, timestamp, body);
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("v1")) {
                matched |= MessageDigest.isEqual(expected, parseHex(pair[1]));
            }
        }
        if (!matched) {
            throw refuse("no v1 signature matches");
        }
        long age = wallClock.instant().getEpochSecond() - timestamp;
        if (Math.abs(age) > TOLERANCE_SECONDS) {
            throw refuse("signed " + age + " seconds ago");
        }
    }

    private static DomainException refuse(String why) {
        log.warn("Refused an identity webhook call: {}", why);
        return DomainException.validation(REFUSED);
    }

    private static Long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] parseHex(String value) {
        try {
            return HexFormat.of().parseHex(value.trim());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hmacSha256(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
