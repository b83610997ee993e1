package dev.tally.app.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who a caller is to the API. API keys carry {@code ADMIN} (commands everything), {@code AUDITOR} (reads everything,
 * changes nothing) or {@code COLLECTOR} (only pushes scrapes); a JWT from the OpenID Connect issuer makes a
 * {@code USER}, who reads and acts only for the accounts linked to it.
 */
public enum Role {
    ADMIN, AUDITOR, COLLECTOR, USER;

    /** The roles an API key may have. */
    static boolean forApiKeys(Role role) {
        return role != USER;
    }

    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}
