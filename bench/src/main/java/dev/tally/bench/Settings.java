package dev.tally.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's settings, from environment variables, and the engine it talks to. */
final class Settings {

    private Settings() {
    }

    static String string(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    /**
     * The engine at TALLY_URL (default http://localhost:8080) with the admin key TALLY_ADMIN_API_KEY, or else the
     * one the engine wrote to its data dir (TALLY_DATA_DIR, default ./data).
     */
    static TallyClient engine() throws IOException {
        String key = string("TALLY_ADMIN_API_KEY", null);
        if (key == null) {
            key = Files.readString(Path.of(string("TALLY_DATA_DIR", "data"), "admin-api-key")).strip();
        }
        return new TallyClient(string("TALLY_URL", "http://localhost:8080"), key);
    }
}
