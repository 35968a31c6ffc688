package dev.savoir.kb.examples.spring;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.NotFoundException;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Savoir's typed errors as JSON answers of the agents' API: {@code {"error": ..., "parameter": ...}}. */
@RestControllerAdvice(assignableTypes = AgentApi.class)
class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Map<String, Object>> invalid(ValidationException e) {
        Map<String, Object> body = error(e.getMessage());
        if (e instanceof InvalidArgumentException iae) {
            body.put("parameter", iae.parameter());
        }
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("no such article"));
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(PermissionDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(error(e.getMessage()));
    }

    @ExceptionHandler(SemanticSearchUnavailableException.class)
    ResponseEntity<Map<String, Object>> noModel(SemanticSearchUnavailableException e) {
        return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(error(e.getMessage()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> noAgent(MissingRequestHeaderException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(error("this call needs the agent: send X-Agent"));
    }

    @ExceptionHandler(KbException.class)
    ResponseEntity<Map<String, Object>> failed(KbException e) {
        LOG.warn("Agent API call failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(error("the knowledge base failed; retry"));
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }
}
