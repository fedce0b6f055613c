package net.fiko.events.wallsfixture;

/** Breaks a wall on purpose, for {@code WallsFixtureTest}: the contract reaching for Spring. */
public class SpringInTheContract {

    public boolean blank(String text) {
        return !org.springframework.util.StringUtils.hasText(text);
    }
}
