package net.fiko.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.fiko.faults.check.Figures;

/**
 * The fault suite: runs each scenario on a fresh stack of separate processes, under load through real WebSockets
 * and webhooks, injects its faults, lets the traffic settle and prints one line of figures per scenario.
 *
 * <p>Options: {@code --scenarios T1a,T2} (default: all), {@code --quick} (T0 only: one fault of each kind).
 * Exits with 1 if any figure that must be zero is not.
 */
public final class FikoFaults {

    private FikoFaults() {}

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        List<Scenario> scenarios;
        if (options.contains("--quick")) {
            scenarios = List.of(Scenario.quick());
        } else {
            int at = options.indexOf("--scenarios");
            Set<String> wanted = at >= 0 && at + 1 < options.size()
                    ? Set.of(options.get(at + 1).split(","))
                    : null;
            scenarios = Scenario.all().stream()
                    .filter(scenario -> wanted == null
                            || wanted.contains(scenario.id())
                            || wanted.contains(scenario.id().substring(0, 2)))
                    .toList();
        }
        Path root = projectRoot();
        System.out.println("Fiko fault suite, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        List<Figures> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(run(root, scenario));
        }
        System.out.println();
        results.forEach(figures -> System.out.println(figures.line()));
        System.exit(results.stream().allMatch(Figures::clean) ? 0 : 1);
    }

    /** Runs one scenario on a stack of its own and returns its figures. */
    static Figures run(Path root, Scenario scenario) throws Exception {
        Path directory = root.resolve("faults/target/runs/" + scenario.id() + "-" + System.currentTimeMillis());
        System.out.println();
        System.out.println(scenario.id() + " " + scenario.title() + " (logs in " + directory + ")");
        try (Stack stack = Stack.start(root, directory, scenario.shape());
                Traffic traffic = new Traffic(stack, scenario.load())) {
            traffic.open();
            Timeline timeline = new Timeline();
            timeline.say("load on: " + scenario.load());
            traffic.start();
            scenario.faults().inject(stack, traffic, timeline);
            timeline.say("load off; settling");
            Checker checker = new Checker(stack, traffic);
            checker.settle(scenario.checksPlatform(), scenario.checksUnread());
            Figures figures = checker.check(
                    scenario.id() + " " + scenario.title(), scenario.checksPlatform(), scenario.checksUnread());
            timeline.say("checked");
            System.out.println(figures.line());
            long hold = Long.getLong("fiko.faults.hold-seconds", 0);
            if (!figures.clean() && hold > 0) {
                System.out.println("Holding the stack for " + hold + " s to look into (-Dfiko.faults.hold-seconds)");
                // A plain wait is the point: the stack stays up, untouched, while a person looks into it.
                Thread.sleep(hold * 1000);
            }
            return figures;
        }
    }

    /** The repository's root: where {@code ./fiko-faults} runs, or the parent of this module when Maven runs it. */
    static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("faults")) ? here : here.getParent();
    }

    static String summary(List<Figures> results) {
        return results.stream().map(Figures::line).collect(Collectors.joining("\n"));
    }
}
