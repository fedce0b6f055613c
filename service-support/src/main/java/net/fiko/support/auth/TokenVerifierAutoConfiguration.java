package net.fiko.support.auth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** A {@link TokenVerifier} in every service that is given a JWT secret. */
@AutoConfiguration
@ConditionalOnProperty("fiko.jwt.secret")
@EnableConfigurationProperties(JwtProperties.class)
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
}
