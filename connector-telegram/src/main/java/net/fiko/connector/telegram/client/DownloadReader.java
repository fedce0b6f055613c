package net.fiko.connector.telegram.client;

import java.io.IOException;
import java.io.InputStream;

/** Takes the bytes of a file {@link BotApiClient#download} reads, as they arrive. */
@FunctionalInterface
public interface DownloadReader<T> {

    T read(InputStream bytes) throws IOException;
}
