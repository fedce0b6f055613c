package net.fiko.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of Prometheus' text format, as a scrape of {@code /actuator/prometheus} answers them. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** The sum of the samples of {@code name} that carry every one of {@code labels}; an error when there is none. */
    double sum(String name, Map<String, String> labels) {
        List<Double> values = values(name, labels);
        if (values.isEmpty()) {
            throw new AssertionError("No sample " + name + labels + " in:\n" + samplesNamed(name));
        }
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    double sum(String name) {
        return sum(name, Map.of());
    }

    boolean has(String name, Map<String, String> labels) {
        return !values(name, labels).isEmpty();
    }

    String text() {
        return text;
    }

    private List<Double> values(String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(sample.group(4)));
            }
        }
        return values;
    }

    private String samplesNamed(String name) {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                lines.append(line).append('\n');
            }
        }
        return lines.length() == 0 ? "(no sample of that name)" : lines.toString();
    }
}
