package dev.tally.app.security;

import dev.tally.api.Sha256;
import dev.tally.app.config.TallyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API key: TALLY_ADMIN_API_KEY, or one made on first start and kept in {@code <data dir>/admin-api-key}
 * (mode 0600). Only its SHA-256 digest stays in memory; the key itself is never logged.
 */
public final class AdminApiKey {

    public static final String PREFIX = "tally_";
    private static final Logger log = LoggerFactory.getLogger(AdminApiKey.class);

    private final byte[] digest;
    private final String source;

    private AdminApiKey(String key, String source) {
        this.digest = digest(key);
        this.source = source;
    }

    public static AdminApiKey load(TallyProperties properties) {
        if (properties.adminApiKey() != null && !properties.adminApiKey().isBlank()) {
            String key = properties.adminApiKey().strip();
            if (!key.startsWith(PREFIX)) {
                throw new IllegalStateException("TALLY_ADMIN_API_KEY must start with '" + PREFIX + "'");
            }
            return new AdminApiKey(key, "TALLY_ADMIN_API_KEY");
        }
        Path file = properties.dataDir().toAbsolutePath().resolve("admin-api-key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, newKey() + "\n");
                log.info("Generated an admin API key into {}", file);
            }
            return new AdminApiKey(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the admin API key file " + file, e);
        }
    }

    /** A new random API key: the prefix and 32 random bytes. */
    static String newKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Constant-time comparison of digests, so timing does not reveal how much of a key was right. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest, digest(presented));
    }

    /** Where the key comes from, for the start-up log. */
    public String source() {
        return source;
    }

    /** What is kept of a key: its SHA-256 digest. */
    static byte[] digest(String value) {
        return Sha256.of(value.getBytes(StandardCharsets.UTF_8));
    }
}
