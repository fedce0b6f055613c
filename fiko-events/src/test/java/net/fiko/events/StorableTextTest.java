package net.fiko.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void shouldReplaceNulAndUnpairedSurrogatesAndKeepEverythingElse() {
        assertThat(StorableText.of("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.of("lone \uD83D high")).isEqualTo("lone \uFFFD high");
        assertThat(StorableText.of("lone \uDE00 low")).isEqualTo("lone \uFFFD low");
        assertThat(StorableText.of("ends high \uD83D")).isEqualTo("ends high \uFFFD");
        assertThat(StorableText.of("emoji \uD83D\uDE00, tab\t, new\nline, سلام"))
                .isEqualTo("emoji \uD83D\uDE00, tab\t, new\nline, سلام");
        assertThat(StorableText.of(null)).isNull();
    }

    @Test
    void shouldKeepTheSameInstanceWhenNothingNeedsReplacing() {
        String text = "nothing to replace \uD83D\uDE00";

        assertThat(StorableText.of(text)).isSameAs(text);
    }

    @Test
    void shouldTakeOnlyPrintableStorableTextAsAPlainLine() {
        assertThat(StorableText.isPlainLine("msg-42 سلام \uD83D\uDE00")).isTrue();
        assertThat(StorableText.isPlainLine("a\u0000")).isFalse();
        assertThat(StorableText.isPlainLine("a\nb")).isFalse();
        assertThat(StorableText.isPlainLine("a\u007Fb")).isFalse();
        assertThat(StorableText.isPlainLine("a\u0085b")).isFalse();
        assertThat(StorableText.isPlainLine("\uD83D")).isFalse();
    }

    @Test
    void shouldMakeEveryStringOfAPlatformsJsonStorable() {
        var tree = EventJson.mapper()
                .readTree(
                        "{\"message\":{\"text\":\"a\\u0000b\",\"date\":1,"
                                + "\"from\":{\"first_name\":\"\\ud83d\"},\"photo\":[{\"caption\":\"c\\u0000\"},\"x\\u0000\"]}}");

        StorableJson.clean(tree);

        assertThat(tree.path("message").path("text").asString()).isEqualTo("a\uFFFDb");
        assertThat(tree.path("message").path("date").asInt()).isEqualTo(1);
        assertThat(tree.path("message").path("from").path("first_name").asString())
                .isEqualTo("\uFFFD");
        assertThat(tree.path("message").path("photo").get(0).path("caption").asString())
                .isEqualTo("c\uFFFD");
        assertThat(tree.path("message").path("photo").get(1).asString()).isEqualTo("x\uFFFD");
    }
}
