package dev.tally.app.security;

import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/** Admins create API keys (the key is in the answer this once), list them (never the keys) and revoke them. */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeysController {

    /** {@code role}: ADMIN, AUDITOR or COLLECTOR. */
    record CreateApiKey(String name, String role) {

        Role validRole() {
            FieldErrors errors = new FieldErrors().text(name, "name", 255);
            Role valid = Arrays.stream(Role.values()).filter(Role::forApiKeys)
                    .filter(candidate -> candidate.name().equals(role)).findFirst().orElse(null);
            errors.check(valid != null, "role", "must be ADMIN, AUDITOR or COLLECTOR").throwIfAny();
            return valid;
        }
    }

    private final ApiKeys keys;

    ApiKeysController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeys.Created create(@RequestBody CreateApiKey request, Authentication caller) {
        Role role = request.validRole();
        return keys.create(request.name().strip(), role, caller.getName());
    }

    @GetMapping
    List<ApiKeys.ApiKey> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw DomainException.notFound("no API key " + id + " that is not revoked already");
        }
    }
}
