package dev.tally.app.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /me}: who the caller is to the API, and the accounts it may act for (a user's own; none for a key). */
@RestController
class MeController {

    record Me(String caller, List<String> roles, List<AccountOwnership.OwnAccount> accounts) {
    }

    private final AccountOwnership ownership;

    MeController(AccountOwnership ownership) {
        this.ownership = ownership;
    }

    @GetMapping("/api/v1/me")
    Me me(Authentication caller) {
        List<String> roles = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(authority -> authority.substring("ROLE_".length())).toList();
        return new Me(caller.getName(), roles, ownership.accountsOf(caller));
    }
}
