package net.fiko.message.query;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the REST API, served at {@code /api-docs} (and {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI fikoOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Fiko message history API")
                        .version("1")
                        .description("Conversations and their messages, for the inbox's infinite scroll. Every"
                                + " request needs an access token; everything is scoped to the token's tenant."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")));
    }
}
