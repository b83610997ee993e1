package dev.tally.app.database;

import dev.tally.app.config.TallyProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Where the database is: an external PostgreSQL, or an embedded PostgreSQL 18 kept in the data dir. */
public final class DatabaseServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);
    private static final String EMBEDDED_DATABASE = "tally";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final Path embeddedDataDir;

    private DatabaseServer(String jdbcUrl, String user, String password, EmbeddedPostgres embedded,
                           Path embeddedDataDir) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.embeddedDataDir = embeddedDataDir;
    }

    static DatabaseServer start(TallyProperties properties) {
        TallyProperties.Database database = properties.database();
        if (database.isExternal()) {
            DatabaseServer external = new DatabaseServer(database.url(), database.user(), database.password(), null,
                    null);
            log.info("Database: {}", external.describe());
            return external;
        }
        Path dataDir = properties.dataDir().toAbsolutePath().resolve("postgres");
        try {
            Files.createDirectories(dataDir);
            // zonky turns synchronous commit off for speed; a billing engine acknowledges nothing it could lose.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            createDatabaseIfMissing(postgres);
            DatabaseServer embedded = new DatabaseServer(postgres.getJdbcUrl("postgres", EMBEDDED_DATABASE),
                    "postgres", null, postgres, dataDir);
            log.info("Database: {}", embedded.describe());
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database '" + EMBEDDED_DATABASE + "'", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A line for the start-up log that says where the data is, never a password. */
    public String describe() {
        return embedded != null
                ? "embedded PostgreSQL, data in " + embeddedDataDir
                : "external PostgreSQL at " + jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
