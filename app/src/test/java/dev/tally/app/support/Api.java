package dev.tally.app.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A client of Tally's HTTP API as a dashboard or admin script would call it. */
public final class Api {

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The fields a VALIDATION_ERROR problem names, in its order. */
        public List<String> fieldsAtFault() {
            return body.path("errors").valueStream().map(error -> error.path("field").asString()).toList();
        }
    }

    public static final String ADMIN_KEY = "tally_test-admin-key";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    public Api(int port) {
        this(port, ADMIN_KEY);
    }

    private Api(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** The same API called with another key, or none (null). */
    public Api withKey(String otherKey) {
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** The body of a GET as text, for what is not JSON (CSV, Prometheus' exposition format). */
    public String getText(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String jsonBody) {
        return post(path, jsonBody, Map.of());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Moves the engine's test clock to {@code instant}; answers once the work due by then has been dispatched. */
    public Response advanceTestClockTo(Instant instant) {
        return post("/api/v1/admin/test-clock", "{\"advanceTo\":\"" + instant + "\"}");
    }

    public Response post(String path, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = response.body().isEmpty() || !json ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"amount": "...", "currency": "..."}} */
    public static String money(String amount, String currency) {
        return "{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}";
    }
}
