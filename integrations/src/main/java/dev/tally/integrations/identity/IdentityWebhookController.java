package dev.tally.integrations.identity;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The identity provider's post-login call (API.md, Webhooks), e.g. from an Auth0 post-login action. It needs no API
 * key: the signature over the body with the shared secret authenticates it ({@link IdentitySignature}). 200 with the
 * account the user signs in as; the same call again answers the same account and changes nothing.
 */
@RestController
public class IdentityWebhookController {

    /** {@code clusterId} is null when no cluster had room. */
    public record IdentityWebhookReceipt(String accountId, boolean created, String clusterId) {
    }

    private final IdentitySignature signature;
    private final IdentitySignIns signIns;

    public IdentityWebhookController(IdentitySignature signature, IdentitySignIns signIns) {
        this.signature = signature;
        this.signIns = signIns;
    }

    /** The body is read as bytes: the signature is over exactly what was sent, and checked before it is parsed. */
    @PostMapping("/api/v1/webhooks/identity")
    public IdentityWebhookReceipt receive(@RequestBody(required = false) byte[] body,
                                          @RequestHeader(name = IdentitySignature.HEADER, required = false)
                                          String header) {
        byte[] payload = body == null ? new byte[0] : body;
        signature.verify(payload, header);
        IdentitySignIns.SignedIn signedIn = signIns.signIn(IdentityLogin.parse(payload));
        return new IdentityWebhookReceipt(signedIn.accountId().value(), signedIn.created(),
                signedIn.clusterId() == null ? null : signedIn.clusterId().value());
    }
}
