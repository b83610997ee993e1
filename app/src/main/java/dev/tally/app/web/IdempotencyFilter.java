package dev.tally.app.web;

import dev.tally.api.ErrorCode;
import dev.tally.api.Sha256;
import dev.tally.schema.jooq.tables.records.IdempotencyKeyRecord;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jooq.DSLContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;

import static dev.tally.schema.jooq.Tables.IDEMPOTENCY_KEY;

/**
 * {@code Idempotency-Key} on a POST: the first request with a key runs and its response is kept; a repeat with the
 * same key and body gets that response again (header {@code Idempotent-Replayed: true}) and has no second effect.
 * The same key with another body, or while the first is still running, is a CONFLICT. Keys are per caller. A 5xx
 * response is not kept, so the client may retry it.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Marks a response answered again for a repeated key. */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_BODY_BYTES = 1 << 20;

    private final DSLContext db;
    private final Clock clock;
    private final ProblemWriter problems;

    public IdempotencyFilter(DSLContext db, Clock clock, ProblemWriter problems) {
        this.db = db;
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 255) {
            problems.write(response, Problem.of(ErrorCode.VALIDATION_ERROR,
                    HEADER + " must be 1 to 255 characters"));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            problems.write(response, Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds 1 MiB"));
            return;
        }
        String principal = principal();
        String path = request.getRequestURI();
        String hash = HexFormat.of().formatHex(
                Sha256.of((request.getMethod() + " " + path + "\n").getBytes(StandardCharsets.UTF_8), body));

        int claimed = db.insertInto(IDEMPOTENCY_KEY)
                .set(IDEMPOTENCY_KEY.PRINCIPAL, principal)
                .set(IDEMPOTENCY_KEY.KEY, key)
                .set(IDEMPOTENCY_KEY.METHOD, request.getMethod())
                .set(IDEMPOTENCY_KEY.PATH, path)
                .set(IDEMPOTENCY_KEY.REQUEST_HASH, hash)
                .set(IDEMPOTENCY_KEY.CREATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        if (claimed == 0) {
            replay(response, principal, key, hash);
            return;
        }

        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recorded);
        } finally {
            if (recorded.getStatus() < 500) {
                db.update(IDEMPOTENCY_KEY)
                        .set(IDEMPOTENCY_KEY.STATUS, recorded.getStatus())
                        .set(IDEMPOTENCY_KEY.CONTENT_TYPE, recorded.getContentType())
                        .set(IDEMPOTENCY_KEY.BODY, recorded.getContentAsByteArray())
                        .where(IDEMPOTENCY_KEY.PRINCIPAL.eq(principal).and(IDEMPOTENCY_KEY.KEY.eq(key)))
                        .execute();
            } else {
                db.deleteFrom(IDEMPOTENCY_KEY)
                        .where(IDEMPOTENCY_KEY.PRINCIPAL.eq(principal).and(IDEMPOTENCY_KEY.KEY.eq(key)))
                        .execute();
            }
            recorded.copyBodyToResponse();
        }
    }

    private void replay(HttpServletResponse response, String principal, String key, String hash) throws IOException {
        IdempotencyKeyRecord first = db.selectFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.PRINCIPAL.eq(principal).and(IDEMPOTENCY_KEY.KEY.eq(key)))
                .fetchOne();
        if (first == null || !first.getRequestHash().equals(hash)) {
            problems.write(response, Problem.of(ErrorCode.CONFLICT,
                    HEADER + " was already used for a different request"));
        } else if (first.getStatus() == null) {
            problems.write(response, Problem.of(ErrorCode.CONFLICT,
                    "the first request with this " + HEADER + " is still running; retry shortly"));
        } else {
            response.setStatus(first.getStatus());
            if (first.getContentType() != null) {
                response.setContentType(first.getContentType());
            }
            response.setHeader(REPLAYED, "true");
            response.getOutputStream().write(first.getBody());
        }
    }

    private static String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    /** The request with its body already read, so the controller can read it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}
