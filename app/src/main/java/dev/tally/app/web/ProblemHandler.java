package dev.tally.app.web;

import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.FieldErrors;
import dev.tally.api.FieldErrors.FieldError;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Every error a client can meet, as a problem with the API's code (API.md, Conventions). */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(FieldErrors.Invalid.class)
    ResponseEntity<Problem> invalid(FieldErrors.Invalid e) {
        return Problem.of(ErrorCode.VALIDATION_ERROR, e.getMessage(), e.errors()).toResponse();
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Problem> refused(DomainException e) {
        return Problem.of(e.code(), e.getMessage()).toResponse();
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Problem> notFound(AggregateNotFoundException e) {
        String id = publicId(String.valueOf(e.getAggregateIdentifier()));
        return Problem.of(ErrorCode.NOT_FOUND, "not found: " + id).toResponse();
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Problem> exists(AggregateStreamCreationException e) {
        return Problem.of(ErrorCode.CONFLICT, "a resource with this id already exists").toResponse();
    }

    /** Two commands created the same id, or one changed an aggregate another had just changed. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Problem> concurrent(ConcurrencyException e) {
        return Problem.of(ErrorCode.CONFLICT, "the resource already exists or was changed concurrently; "
                + "read it and retry").toResponse();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof BodySizeLimitFilter.BodyTooLarge tooLarge) {
            return Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage()).toResponse();
        }
        if (e.getCause() instanceof DatabindException binding && !binding.getPath().isEmpty()) {
            String field = binding.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return Problem.of(ErrorCode.VALIDATION_ERROR, "the request has invalid fields",
                    List.of(new FieldError(field, binding instanceof UnrecognizedPropertyException
                            ? "is not a known field" : "has an invalid value"))).toResponse();
        }
        if (e.getCause() instanceof JacksonException parsing && parsing.getLocation() != null) {
            return Problem.of(ErrorCode.VALIDATION_ERROR, "the body is not valid JSON (line "
                    + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr() + ")")
                    .toResponse();
        }
        return Problem.of(ErrorCode.VALIDATION_ERROR, "the body is missing or not valid JSON").toResponse();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> badParameter(MethodArgumentTypeMismatchException e) {
        return Problem.of(ErrorCode.VALIDATION_ERROR, "the request has invalid parameters",
                List.of(new FieldError(e.getName(), "has an invalid value"))).toResponse();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e) {
        return Problem.of(ErrorCode.VALIDATION_ERROR, "the request has invalid parameters",
                List.of(new FieldError(e.getParameterName(), "is required"))).toResponse();
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> noRoute(NoResourceFoundException e) {
        return Problem.of(ErrorCode.NOT_FOUND, "no such resource: /" + e.getResourcePath()).toResponse();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> method(HttpRequestMethodNotSupportedException e) {
        return Problem.of(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here").toResponse();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> mediaType(HttpMediaTypeNotSupportedException e) {
        return Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send JSON: Content-Type: application/json")
                .toResponse();
    }

    /** Anything else is a fault of the engine: logged with an incident id that the client can quote. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Request failed, incident {}", incident, e);
        return Problem.of(ErrorCode.INTERNAL_ERROR, "internal error, incident " + incident).toResponse();
    }

    /**
     * Aggregate identifiers are the resource's id with a suffix naming the aggregate ("acme/credits",
     * "eu-1/cluster"); ids cannot contain '/', so the client's id is what comes before it.
     */
    private static String publicId(String aggregateIdentifier) {
        int suffix = aggregateIdentifier.indexOf('/');
        return suffix < 0 ? aggregateIdentifier : aggregateIdentifier.substring(0, suffix);
    }
}
