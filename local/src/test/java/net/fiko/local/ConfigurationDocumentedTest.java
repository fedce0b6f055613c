package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every setting the services bind ({@code @ConfigurationProperties} of Fiko's code, walked down their nested records)
 * is documented, by its environment variable, in the README's configuration table or in docs/operations.md: the
 * documents an operator reads say what the code reads.
 */
class ConfigurationDocumentedTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everySettingTheCodeBindsShouldBeDocumented() throws Exception {
        String documents =
                Files.readString(ROOT.resolve("README.md")) + Files.readString(ROOT.resolve("docs/operations.md"));
        Set<String> settings = settings();

        assertThat(settings).as("settings found").hasSizeGreaterThan(40);
        assertThat(settings.stream().filter(variable -> !documents.contains("`" + variable + "`")))
                .as("settings bound by the code and documented nowhere")
                .isEmpty();
    }

    /** The environment variable of every leaf setting of every {@code @ConfigurationProperties} under net.fiko. */
    static Set<String> settings() throws ClassNotFoundException, IOException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> variables = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("net.fiko")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.getName().startsWith("net.fiko.bench.")
                    || type.getName().startsWith("net.fiko.faults.")
                    || type.getName().startsWith("net.fiko.local.")) {
                continue; // tools, and the local mode's console, which the local mode itself configures
            }
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (prefix.isEmpty()) {
                prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
            }
            walk(type, prefix, variables);
        }
        return variables;
    }

    private static void walk(Class<?> type, String path, Set<String> variables) {
        if (!type.isRecord()) {
            variables.add(variable(path));
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String child = path + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getName().startsWith("net.fiko")) {
                walk(componentType, child, variables);
            } else {
                variables.add(variable(child));
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String variable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
