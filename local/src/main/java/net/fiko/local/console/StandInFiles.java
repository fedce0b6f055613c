package net.fiko.local.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.fiko.events.EventJson;

/** What the platform stand-ins keep in the data folder: JSON, each write whole or not at all. */
final class StandInFiles {

    private StandInFiles() {}

    static Path of(ConsoleSettings settings, String name) {
        return settings.dataDirectory().resolve("platform-stand-ins").resolve(name);
    }

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.write(next, EventJson.mapper().writeValueAsBytes(value));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
