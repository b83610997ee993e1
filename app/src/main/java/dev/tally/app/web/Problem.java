package dev.tally.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.ErrorCode;
import dev.tally.api.FieldErrors.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * An RFC 9457 problem with the API's stable {@code code} and, for VALIDATION_ERROR, the fields at fault. Its detail
 * is written for the client: never a stack trace or an internal message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static Problem of(ErrorCode code, String detail) {
        return of(code, detail, null);
    }

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        HttpStatus status = statusOf(code);
        return new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, code.name(), errors);
    }

    public ResponseEntity<Problem> toResponse() {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(this);
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_ERROR -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT, SCRAPE_OUT_OF_ORDER, INSUFFICIENT_CREDITS -> HttpStatus.CONFLICT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNAVAILABLE, INTEGRATION_DISABLED -> HttpStatus.SERVICE_UNAVAILABLE;
            case PAYMENT_PROVIDER_ERROR -> HttpStatus.BAD_GATEWAY;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
