package net.fiko.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation, as the Compose Specification defines it, for reading docker-compose.yml where no
 * Compose runs: {@code $$} is a dollar; {@code ${V}} and {@code $V} the value; {@code ${V:-d}} d when V is unset or
 * empty, {@code ${V-d}} when unset; {@code ${V:?e}} an error when unset or empty, {@code ${V?e}} when unset; {@code
 * ${V:+r}} r when set and not empty, {@code ${V+r}} when set. The values come from the shell's environment over the
 * project's {@code .env} file.
 */
final class ComposeInterpolation {

    private static final Pattern EXPRESSION =
            Pattern.compile("\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, String> values;
    private final List<String> errors = new ArrayList<>();

    private ComposeInterpolation(Map<String, String> values) {
        this.values = values;
    }

    /** The file with every expression resolved, or the errors Compose would stop on. */
    static Result resolve(String file, Map<String, String> dotEnv, Map<String, String> shell) {
        Map<String, String> values = new LinkedHashMap<>(dotEnv);
        values.putAll(shell);
        var interpolation = new ComposeInterpolation(values);
        String resolved = interpolation.interpolate(file);
        return new Result(resolved, List.copyOf(interpolation.errors));
    }

    /** A {@code .env} file's assignments: {@code KEY=value} lines; comments and blank lines skipped. */
    static Map<String, String> dotEnv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                continue;
            }
            values.put(
                    trimmed.substring(0, equals).trim(),
                    trimmed.substring(equals + 1).trim());
        }
        return values;
    }

    private String interpolate(String text) {
        Matcher matcher = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String value(Matcher expression) {
        if (expression.group(1) != null) {
            return "$";
        }
        String name = expression.group(2) != null ? expression.group(2) : expression.group(5);
        String value = values.get(name);
        String operator = expression.group(3);
        String argument = expression.group(4) == null ? "" : expression.group(4);
        boolean set = value != null;
        boolean setAndNotEmpty = set && !value.isEmpty();
        if (operator == null) {
            return set ? value : "";
        }
        return switch (operator) {
            case ":-" -> setAndNotEmpty ? value : argument;
            case "-" -> set ? value : argument;
            case ":+" -> setAndNotEmpty ? argument : "";
            case "+" -> set ? argument : "";
            case ":?", "?" -> {
                if (operator.equals(":?") ? setAndNotEmpty : set) {
                    yield value;
                }
                errors.add("required variable " + name + " is missing a value: " + argument);
                yield "";
            }
            default -> throw new IllegalStateException(operator);
        };
    }

    record Result(String file, List<String> errors) {}
}
