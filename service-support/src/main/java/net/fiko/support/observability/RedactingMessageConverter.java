package net.fiko.support.observability;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %m} (and {@code %msg}, {@code %message}) with credentials {@linkplain Redaction redacted}. {@link
 * #install} makes it the converter of those words in every pattern, Spring Boot's default console pattern included;
 * {@link ServiceDefaults} installs it before logging starts.
 */
public class RedactingMessageConverter extends MessageConverter {

    private static final String[] WORDS = {"m", "msg", "message"};

    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.redact(super.convert(event));
    }

    /** Makes every pattern's message redacted from now on. */
    static void install() {
        for (String word : WORDS) {
            PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, RedactingMessageConverter::new);
            PatternLayout.DEFAULT_CONVERTER_MAP.put(word, RedactingMessageConverter.class.getName());
        }
    }
}
