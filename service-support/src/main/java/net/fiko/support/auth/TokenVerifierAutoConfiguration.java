package net.fiko.support.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** A {@link TokenVerifier} in every service that is given a JWT secret. */
@AutoConfiguration
@ConditionalOnProperty("fiko.jwt.secret")
@EnableConfigurationProperties({JwtProperties.class, ApiProperties.class})
public class TokenVerifierAutoConfiguration {

    @Bean
    TokenVerifier tokenVerifier(JwtProperties properties) {
        return new TokenVerifier(properties);
    }

    /** In servlet services, the REST API under {@code /api/} takes bearer tokens. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(TokenVerifier verifier) {
        var registration = new FilterRegistrationBean<>(new BearerTokenFilter(verifier));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * The REST API answers pages of {@code fiko.api.allowed-origins} (CORS), before the token is asked for: a browser's
     * preflight carries none.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty("fiko.api.allowed-origins")
    FilterRegistrationBean<CorsFilter> apiCorsFilter(ApiProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Range"));
        cors.setExposedHeaders(List.of("Content-Range", "Content-Length"));
        cors.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        var registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
