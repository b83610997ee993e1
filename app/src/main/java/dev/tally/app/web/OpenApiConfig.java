package dev.tally.app.web;

import dev.tally.api.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The served OpenAPI document (/v3/api-docs, browsable at /swagger-ui.html): generated from the controllers, with
 * what they cannot say themselves: who Tally is, how to authenticate, and the problem every refusal answers with.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI tallyOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Tally")
                        .version("v1")
                        .description("""
                                Tally meters what each account uses on the platform's clusters, prices it with \
                                versioned price books, and keeps every credit, charge and invoice as events in a \
                                double-entry ledger. Money is `{"amount": "100.00", "currency": "EUR"}`, the amount \
                                a decimal string; refusals are RFC 9457 problems with a stable `code`; creating \
                                commands accept an `Idempotency-Key` header. docs/api.md has a walk-through with \
                                curl."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("Authorization: Bearer <API key tally_... or OpenID Connect JWT>"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Stripe sends no bearer token: its webhook authenticates each delivery by its signature (SecurityConfig). */
    @Bean
    OpenApiCustomizer signedWebhooksNeedNoToken() {
        return openApi -> {
            PathItem stripe = openApi.getPaths().get("/api/v1/webhooks/stripe");
            if (stripe != null) {
                stripe.readOperations().forEach(operation -> operation.setSecurity(List.of()));
            }
        };
    }

    /** Every operation may be refused: 400, 401, 403, 404 and 409 are documented as the problem they answer with. */
    @Bean
    OpenApiCustomizer problemResponses() {
        Map<String, String> refusals = Map.of(
                "400", "VALIDATION_ERROR: the problem's errors name each field at fault",
                "401", "UNAUTHORIZED: no or an unknown bearer token",
                "403", "FORBIDDEN: the caller's role may not do this",
                "404", "NOT_FOUND",
                "409", "CONFLICT, SCRAPE_OUT_OF_ORDER or INSUFFICIENT_CREDITS: the command does not fit the state");
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                refusals.forEach((status, description) -> operation.getResponses().computeIfAbsent(status,
                        missing -> new ApiResponse().description(description).content(new Content().addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details with Tally's stable code")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("code", new StringSchema()
                        ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList())
                        .description("stable: clients switch on it, never on detail"))
                .addProperty("errors", new ArraySchema()
                        .description("with VALIDATION_ERROR: each field at fault")
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema().example("amount.amount"))
                                .addProperty("message", new StringSchema())));
    }
}
