package dev.tally.app.support;

import dev.tally.app.TallyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A whole engine, started and stopped as an operator would: for restart tests. */
public final class RunningTally implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningTally(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** On the given database, with the test admin key. */
    public static RunningTally start(TestDatabase.Database database, Path dataDir, Map<String, String> settings,
                                     Class<?>... extraSources) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("tally.database.url", database.url());
        properties.put("tally.database.user", database.user());
        if (database.password() != null) {
            properties.put("tally.database.password", database.password());
        }
        properties.put("tally.admin-api-key", Api.ADMIN_KEY);
        return run(dataDir, properties, extraSources);
    }

    /** With no database and no admin key configured: the embedded default, as a newcomer starts it. */
    public static RunningTally withEmbeddedDefault(Path dataDir) {
        return run(dataDir, new HashMap<>());
    }

    private static RunningTally run(Path dataDir, Map<String, String> properties, Class<?>... extraSources) {
        properties.put("tally.data-dir", dataDir.toString());
        properties.put("server.port", "0");
        properties.putIfAbsent("tally.rate-limit.requests-per-minute", EngineTest.TEST_RATE_LIMIT);
        properties.putIfAbsent("tally.rate-limit.anonymous-requests-per-minute", EngineTest.TEST_RATE_LIMIT);
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = TallyApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        // As command-line arguments: they take precedence over application.yml, default properties do not.
        String[] arguments = properties.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        return new RunningTally(new SpringApplicationBuilder(sources).run(arguments));
    }

    public Api api() {
        return new Api(port());
    }

    public Api api(String adminKey) {
        return new Api(port()).withKey(adminKey);
    }

    /** {@code http://localhost:<port>}, as a script's $TALLY. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    private int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
