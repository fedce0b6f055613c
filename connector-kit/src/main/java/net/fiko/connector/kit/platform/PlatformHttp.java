package net.fiko.connector.kit.platform;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The HTTP client of a platform's API, built from Spring Boot's {@link RestClient.Builder} so every call is observed:
 * {@code http.client.requests} tagged {@code platform} and {@code client.name} with the platform's name, {@code uri}
 * with the call's template ({@code /bot{token}/sendMessage}: never a token), {@code status} (the platform's 429s
 * among them); and a span of the trace the reply belongs to, its W3C {@code traceparent} sent along. The span's
 * {@code http.url} is the template too: a URL carrying a bot's token never leaves the process.
 */
public final class PlatformHttp {

    private PlatformHttp() {}

    /** A client on {@code http} whose answers may take {@code readTimeout}; the builder is cloned, not changed. */
    public static RestClient client(
            RestClient.Builder builder, String platform, HttpClient http, Duration readTimeout) {
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        // Variables encoded as the rest of their path segment: a bot token's ':' goes as it is, as Telegram's own
        // examples send it (the default would send %3A).
        var uris = new DefaultUriBuilderFactory();
        uris.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.URI_COMPONENT);
        return builder.clone()
                .uriBuilderFactory(uris)
                .requestFactory(requests)
                .observationConvention(new Convention(platform))
                .build();
    }

    /** Boot's convention with the platform's name and without the expanded URL. */
    static final class Convention extends DefaultClientRequestObservationConvention {

        private final KeyValue platform;
        private final KeyValue clientName;

        Convention(String platform) {
            this.platform = KeyValue.of("platform", platform);
            this.clientName = KeyValue.of("client.name", platform);
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
            return super.getLowCardinalityKeyValues(context).and(platform);
        }

        @Override
        protected KeyValue clientName(ClientRequestObservationContext context) {
            return clientName;
        }

        @Override
        protected KeyValue requestUri(ClientRequestObservationContext context) {
            String template = context.getUriTemplate();
            return KeyValue.of("http.url", template == null ? "none" : template);
        }
    }
}
