package net.fiko.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The lines some loggers write while a test runs, at DEBUG, with their MDC: the services of a {@link RunningStack}
 * share this JVM's Logback, so one capture sees all of them. Start it after the services: each resets logging as it
 * starts.
 */
final class LogCapture implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(String... loggerNames) {
        appender.start();
        for (String name : loggerNames) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            loggers.add(logger);
            levels.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        }
    }

    /** The lines of the logger named {@code name} whose MDC holds {@code key} = {@code value}. */
    List<ILoggingEvent> lines(String name, String key, String value) {
        synchronized (appender) {
            return new ArrayList<>(appender.list)
                    .stream()
                            .filter(line -> line.getLoggerName().equals(name))
                            .filter(line -> value.equals(mdc(line).get(key)))
                            .toList();
        }
    }

    /** Every line captured, with its MDC: what a failed assertion shows. */
    String all() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent line : new ArrayList<>(appender.list)) {
            text.append(line.getLoggerName())
                    .append(' ')
                    .append(mdc(line))
                    .append(' ')
                    .append(line.getFormattedMessage())
                    .append('\n');
        }
        return text.toString();
    }

    private static Map<String, String> mdc(ILoggingEvent line) {
        return line.getMDCPropertyMap();
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(levels.get(i));
        }
        appender.stop();
    }
}
