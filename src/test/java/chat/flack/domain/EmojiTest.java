package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One emoji is one grapheme cluster that begins with an emoji, within 32 UTF-8 bytes. */
class EmojiTest {

    @Test
    void sequencesThatShowAsOneAreOne() {
        for (String one : List.of("👍", "👍🏽", "👨‍👩‍👧‍👦", "🇯🇵", "❤️", "❤", "1️⃣", "#️⃣", "🏳️‍🌈", "©", "🏴󠁧󠁢󠁳󠁣󠁴󠁿")) {
            assertThat(Emoji.isOne(one)).as(one).isTrue();
        }
    }

    @Test
    void textAndSeveralEmojiAreNot() {
        for (String not : List.of("", "a", "1", "#", "👍👍", "👍 ", " 👍", "🇯🇵🇯🇵", "\u200b", "ab", "é",
                "👨‍👩‍👧‍👦".repeat(2))) {
            assertThat(Emoji.isOne(not)).as(not).isFalse();
        }
        assertThat(Emoji.isOne(null)).isFalse();
    }

    @Test
    void aClusterOverThirtyTwoBytesIsRefused() {
        String family = "👨‍👩‍👧‍👦";
        assertThat(family.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(25);
        assertThat(Emoji.isOne(family + "\u200d👦")).as("one cluster, 32 bytes").isTrue();
        assertThat(Emoji.isOne(family + "\u200d👦\u200d👦")).as("one cluster, 39 bytes").isFalse();
    }
}
