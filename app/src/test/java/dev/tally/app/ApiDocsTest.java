package dev.tally.app;

import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docs/api.md is a session a reader pastes into a shell: every {@code ```sh} block is run here, in document order,
 * against an engine started as the document says (test clock at 2026-01-01, a Stripe webhook secret). curl is not
 * shelled out to: its command lines are parsed into java.net.http requests, so a curl option the parser does not
 * know, or any other shell, fails the test rather than going untested. And the served OpenAPI document and its UI
 * answer anyone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsTest {

    private static final Path API_MD = Path.of("../docs/api.md");
    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```\\s*$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunningTally tally;
    private Path dataDir;

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("tally-api-docs-");
        tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of(
                "tally.demo", "false",
                "tally.test-clock.enabled", "true",
                "tally.test-clock.start", "2026-01-01T00:00:00Z",
                "tally.stripe.webhook-secret", "whsec_example"));
    }

    @AfterAll
    void stop() {
        if (tally != null) {
            tally.close();
        }
    }

    @Test
    void everyCurlExampleInApiMdAnswersAsItSays() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(Files.readString(API_MD));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("```sh blocks in %s", API_MD).isNotEmpty();

        Shell shell = new Shell(Map.of("TALLY", baseUrl(), "KEY", Api.ADMIN_KEY));
        blocks.forEach(shell::run);
        assertThat(shell.curls).as("curl commands run").isGreaterThanOrEqualTo(blocks.size());
    }

    @Test
    void theOpenApiDocumentAnswersWithoutCredentials() {
        Api.Response document = tally.api().withKey(null).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/json");
        JsonNode paths = document.body().path("paths");
        assertThat(paths.has("/api/v1/accounts/{accountId}/balance")).isTrue();
        assertThat(paths.has("/api/v1/accounts")).isTrue();
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(document.body().path("info").path("title").asString()).isEqualTo("Tally");
        JsonNode bearer = document.body().path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.body().path("security").get(0).has("bearer")).isTrue();
        assertThat(paths.path("/api/v1/webhooks/stripe").path("post").path("security").isEmpty()).isTrue();
        assertThat(paths.path("/api/v1/accounts/{accountId}/balance").path("get").path("responses").path("404")
                .path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void theBrowsableUiAnswersWithoutCredentials() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/swagger-ui.html"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(ui.body()).contains("swagger-ui");
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/v3/api-docs/swagger-config")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");
    }

    private String baseUrl() {
        return tally.baseUrl();
    }

    /**
     * As much of a POSIX shell as the document may use: words with single and double quotes, backslash line
     * continuations, $NAME, trailing comments (a comment {@code # -> 404} states the status expected instead of a
     * 2xx), NAME=value, and NAME=$(curl ... | jq -r '.path') to keep an id the server made. Anything else fails.
     */
    private static final class Shell {

        private static final Pattern EXPECTED = Pattern.compile("->\\s*(\\d{3})\\b");
        private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
        private static final Pattern ASSIGNMENT_START = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");
        private static final Pattern JQ_PATH = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+])+");
        /** Reads follow commands asynchronously: a GET is asked again for this long before it counts as failed. */
        private static final Duration READ_PATIENCE = Duration.ofSeconds(20);

        private final Map<String, String> variables;
        private final HttpClient http = HttpClient.newHttpClient();
        int curls;

        Shell(Map<String, String> variables) {
            this.variables = new HashMap<>(variables);
        }

        void run(String block) {
            Parser parser = new Parser(block);
            for (Command command = parser.next(); command != null; command = parser.next()) {
                execute(command);
            }
        }

        private void execute(Command command) {
            if (command.pipeline().size() != 1) {
                fail("a pipe is only understood inside NAME=$(curl ... | jq -r '...'): " + command.text());
            }
            List<String> words = command.pipeline().getFirst();
            Matcher assignment = ASSIGNMENT.matcher(words.getFirst());
            if (words.size() == 1 && assignment.matches() && command.assignment()) {
                variables.put(assignment.group(1), assignment.group(2));
                return;
            }
            Integer expected = command.expectedStatus();
            Curl curl = Curl.parse(words, command.text());
            HttpResponse<String> response = send(curl, status -> expected == null
                    ? status / 100 == 2 : status == expected, null);
            if (expected == null) {
                assertThat(response.statusCode()).as("%s%n answered %s", command.text(), response.body())
                        .isBetween(200, 299);
            } else {
                assertThat(response.statusCode()).as("%s%n answered %s", command.text(), response.body())
                        .isEqualTo(expected);
            }
        }

        /** The output of {@code curl ... | jq -r '.path'}: the string at the path, which must be there. */
        String substitute(List<List<String>> pipeline, String text) {
            List<String> jq = pipeline.getLast();
            if (pipeline.size() != 2 || jq.size() != 3 || !jq.get(0).equals("jq") || !jq.get(1).equals("-r")
                    || !JQ_PATH.matcher(jq.get(2)).matches()) {
                fail("only $(curl ... | jq -r '.path[0].to') is understood: " + text);
            }
            String path = jq.get(2);
            Curl curl = Curl.parse(pipeline.getFirst(), text);
            HttpResponse<String> response = send(curl, status -> status / 100 == 2, path);
            assertThat(response.statusCode()).as("%s%n answered %s", text, response.body()).isBetween(200, 299);
            JsonNode found = at(JSON.readTree(response.body()), path);
            assertThat(found.isValueNode()).as("%s in %s", path, response.body()).isTrue();
            return found.asString();
        }

        private static JsonNode at(JsonNode root, String path) {
            JsonNode node = root;
            Matcher step = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)]").matcher(path);
            while (step.find()) {
                node = step.group(1) != null ? node.path(step.group(1)) : node.path(Integer.parseInt(step.group(2)));
            }
            return node;
        }

        private HttpResponse<String> send(Curl curl, IntPredicate answered, String jqPath) {
            curls++;
            Instant giveUp = Instant.now().plus(READ_PATIENCE);
            while (true) {
                HttpResponse<String> response = curl.send(http);
                boolean done = answered.test(response.statusCode())
                        && (jqPath == null || at(JSON.readTree(response.body()), jqPath).isValueNode());
                if (done || !curl.method().equals("GET") || Instant.now().isAfter(giveUp)) {
                    return response;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** One command line: a pipeline of words, whether it began with NAME=, and its trailing comment. */
        record Command(List<List<String>> pipeline, boolean assignment, String comment, String text) {

            Integer expectedStatus() {
                Matcher expected = comment == null ? null : EXPECTED.matcher(comment);
                return expected != null && expected.find() ? Integer.valueOf(expected.group(1)) : null;
            }
        }

        /** Reads a block one command at a time, expanding as it goes, so a command sees what those before it set. */
        private final class Parser {

            private final String text;
            private int at;

            Parser(String text) {
                this.text = text;
            }

            Command next() {
                skipBlankLinesAndComments();
                if (at >= text.length()) {
                    return null;
                }
                int start = at;
                List<List<String>> pipeline = new ArrayList<>();
                List<String> words = new ArrayList<>();
                boolean assignment = false;
                String comment = null;
                while (at < text.length()) {
                    char c = text.charAt(at);
                    if (c == '\n') {
                        at++;
                        break;
                    } else if (c == ' ' || c == '\t') {
                        at++;
                    } else if (c == '\\' && peek(1) == '\n') {
                        at += 2;
                    } else if (c == '#') {
                        int end = text.indexOf('\n', at);
                        end = end < 0 ? text.length() : end;
                        comment = text.substring(at + 1, end).trim();
                        at = end;
                    } else if (c == '|') {
                        at++;
                        pipeline.add(words);
                        words = new ArrayList<>();
                    } else if (c == ';' || c == '&' || c == '>' || c == '<' || c == '`') {
                        fail("shell syntax the test does not run (" + c + "): " + text.substring(start));
                    } else {
                        if (words.isEmpty() && pipeline.isEmpty()) {
                            assignment = ASSIGNMENT_START.matcher(text).region(at, text.length()).lookingAt();
                        }
                        words.add(word());
                    }
                }
                pipeline.add(words);
                return new Command(pipeline, assignment, comment, text.substring(start, at).strip());
            }

            private void skipBlankLinesAndComments() {
                while (at < text.length()) {
                    char c = text.charAt(at);
                    if (c == '\n' || c == ' ' || c == '\t') {
                        at++;
                    } else if (c == '#') {
                        int end = text.indexOf('\n', at);
                        at = end < 0 ? text.length() : end;
                    } else {
                        return;
                    }
                }
            }

            private String word() {
                StringBuilder word = new StringBuilder();
                while (at < text.length()) {
                    char c = text.charAt(at);
                    if (c == ' ' || c == '\t' || c == '\n' || c == '|' || c == ';' || c == '&') {
                        break;
                    } else if (c == '\\' && peek(1) == '\n') {
                        at += 2;
                    } else if (c == '\\') {
                        word.append(peek(1));
                        at += 2;
                    } else if (c == '\'') {
                        int end = text.indexOf('\'', at + 1);
                        if (end < 0) {
                            fail("unclosed ' in: " + text.substring(at));
                        }
                        word.append(text, at + 1, end);
                        at = end + 1;
                    } else if (c == '"') {
                        at++;
                        while (text.charAt(at) != '"') {
                            char inner = text.charAt(at);
                            if (inner == '\\' && "\"\\$`\n".indexOf(peek(1)) >= 0) {
                                if (peek(1) != '\n') {
                                    word.append(peek(1));
                                }
                                at += 2;
                            } else if (inner == '$') {
                                word.append(expansion());
                            } else {
                                word.append(inner);
                                at++;
                            }
                        }
                        at++;
                    } else if (c == '$') {
                        word.append(expansion());
                    } else {
                        word.append(c);
                        at++;
                    }
                }
                return word.toString();
            }

            /** $NAME, ${NAME} or $(pipeline), at {@code at}. */
            private String expansion() {
                if (peek(1) == '(') {
                    int end = closingParenthesis(at + 2);
                    String inner = text.substring(at + 2, end);
                    at = end + 1;
                    Command command = new Parser(inner).next();
                    return substitute(command.pipeline(), inner);
                }
                Matcher name = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))")
                        .matcher(text).region(at, text.length());
                if (!name.lookingAt()) {
                    fail("a $ the test does not expand: " + text.substring(at));
                }
                String variable = name.group(1) != null ? name.group(1) : name.group(2);
                at = name.end();
                if (!variables.containsKey(variable)) {
                    fail("$" + variable + " is used before it is set: " + text);
                }
                return variables.get(variable);
            }

            private int closingParenthesis(int from) {
                int depth = 1;
                char quote = 0;
                for (int i = from; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (quote != 0) {
                        quote = c == quote ? 0 : quote;
                    } else if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (c == '(') {
                        depth++;
                    } else if (c == ')' && --depth == 0) {
                        return i;
                    }
                }
                return fail("unclosed $( in: " + text.substring(from));
            }

            private char peek(int ahead) {
                return at + ahead < text.length() ? text.charAt(at + ahead) : 0;
            }
        }
    }

    /** The curl options the document uses, as curl itself reads them. */
    private record Curl(String method, String url, List<String[]> headers, String body) {

        static Curl parse(List<String> words, String text) {
            if (!words.getFirst().equals("curl")) {
                fail("only curl is run, not " + words.getFirst() + ": " + text);
            }
            String method = null;
            String url = null;
            String body = null;
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < words.size(); i++) {
                String word = words.get(i);
                switch (word) {
                    case "-s", "--silent", "-S", "--show-error", "-sS" -> {
                    }
                    case "-X", "--request" -> method = words.get(++i);
                    case "-H", "--header" -> {
                        String[] header = words.get(++i).split(":\\s*", 2);
                        assertThat(header).as("header %s in %s", words.get(i), text).hasSize(2);
                        headers.add(header);
                    }
                    case "-d", "--data", "--data-raw", "--data-binary" -> {
                        body = words.get(++i);
                        assertThat(body).as("a body from a file in %s", text).doesNotStartWith("@");
                    }
                    default -> {
                        if (word.startsWith("-")) {
                            fail("a curl option the test does not understand (" + word + "): " + text);
                        }
                        assertThat(url).as("a second URL in %s", text).isNull();
                        url = word;
                    }
                }
            }
            assertThat(url).as("the URL of %s", text).isNotNull().startsWith("http");
            if (body != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Type"))) {
                // curl's default for -d: a JSON body without -H 'Content-Type: application/json' is refused.
                headers.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
            }
            return new Curl(method != null ? method : body != null ? "POST" : "GET", url, headers, body);
        }

        HttpResponse<String> send(HttpClient http) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(header -> request.header(header[0], header[1]));
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
