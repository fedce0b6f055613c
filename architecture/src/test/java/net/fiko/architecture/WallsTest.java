package net.fiko.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every module's production classes, as the build just compiled them, held to the {@link Walls}. */
class WallsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static JavaClasses production;

    @BeforeAll
    static void importEveryModule() {
        List<Path> compiled =
                modules().map(module -> module.resolve("target/classes")).toList();
        assertThat(compiled).as("the modules' compiled classes").hasSizeGreaterThan(8);
        production = new ClassFileImporter().importPaths(compiled);
    }

    static Stream<Path> modules() {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children
                    .filter(dir -> Files.isDirectory(dir.resolve("target/classes")))
                    .filter(dir -> Files.exists(dir.resolve("pom.xml")))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ArchRule> walls() {
        return Walls.all();
    }

    static final int MAX_LINES = 200;

    @Test
    void noClassOutsideTheBenchShouldGrowOver200Lines() throws IOException {
        Map<String, Long> large = new TreeMap<>();
        for (Path module : modules()
                .filter(m -> !m.getFileName().toString().equals("bench"))
                .toList()) {
            Path sources = module.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    long lines;
                    try (Stream<String> text = Files.lines(file)) {
                        lines = text.count();
                    }
                    if (lines > MAX_LINES) {
                        large.put(ROOT.relativize(file).toString(), lines);
                    }
                }
            }
        }
        assertThat(large).as("classes over %d lines", MAX_LINES).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walls")
    void everyModuleShouldKeepTheWall(ArchRule wall) {
        wall.check(production);
    }
}
