package dev.tally.app.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place tests get a real PostgreSQL: TALLY_TEST_DATABASE_URL (with _USER and _PASSWORD) when set; a
 * Testcontainers PostgreSQL 18 when TALLY_TEST_DATABASE=testcontainers and Docker is there; else an embedded
 * PostgreSQL 18, started once per test JVM. Each call makes a new, empty database on that server.
 */
public final class TestDatabase {

    public record Database(String url, String user, String password) {
    }

    private record Server(String url, String user, String password) {
    }

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private TestDatabase() {
    }

    public static synchronized Database create() {
        if (server == null) {
            server = startServer();
        }
        String name = "tally_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + server.url(), e);
        }
        Matcher url = URL.matcher(server.url());
        if (!url.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + server.url());
        }
        return new Database(url.group(1) + name + (url.group(3) == null ? "" : url.group(3)),
                server.user(), server.password());
    }

    private static Server startServer() {
        String external = System.getenv("TALLY_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            return new Server(external, System.getenv("TALLY_TEST_DATABASE_USER"),
                    System.getenv("TALLY_TEST_DATABASE_PASSWORD"));
        }
        if ("testcontainers".equals(System.getenv("TALLY_TEST_DATABASE"))
                && DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:18");
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
        }
    }
}
