package dev.tally.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The engine's own settings, bound from {@code tally.*} (application.yml maps the documented environment variables:
 * TALLY_DATA_DIR, TALLY_DATABASE_URL/_USER/_PASSWORD, TALLY_ADMIN_API_KEY).
 */
@ConfigurationProperties("tally")
public record TallyProperties(Path dataDir, Database database, String adminApiKey) {

    public TallyProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        database = database == null ? new Database(null, null, null) : database;
    }

    /** An external PostgreSQL; with no url, the embedded one under the data dir. */
    public record Database(String url, String user, String password) {

        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }
}
