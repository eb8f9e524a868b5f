package chat.flack.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void spacesAreTrimmedAndCollapsed() {
        Name name = Names.parse("  Ada   Lovelace ", 32).orElseThrow();
        assertThat(name.display()).isEqualTo("Ada Lovelace");
        assertThat(name.key()).isEqualTo("ada lovelace");
    }

    @Test
    void namesAreComparedCaseInsensitivelyInNfc() {
        String composed = "Zo\u00eb";
        String decomposed = "ZOE\u0308";
        assertThat(Names.parse(decomposed, 32).orElseThrow().key())
                .isEqualTo(Names.parse(composed, 32).orElseThrow().key());
        assertThat(Names.parse(decomposed, 32).orElseThrow().display()).isEqualTo("ZO\u00cb");
    }

    @Test
    void lettersMarksDigitsAndThreePunctuationMarksAreAllowed() {
        assertThat(Names.parse("नमस्ते", 32)).isPresent();
        assertThat(Names.parse("สวัสดี", 32)).isPresent();
        assertThat(Names.parse("مرحبا", 32)).isPresent();
        assertThat(Names.parse("a_b-c.d 42", 32)).isPresent();
    }

    @Test
    void otherCharactersAreRefused() {
        for (String bad : new String[] {"a<b", "a/b", "tab\tx", "new\nline", "emoji😀", "a\u0000b", "½", "a\u200bb"}) {
            assertThat(Names.parse(bad, 32)).as(bad).isEmpty();
        }
    }

    @Test
    void lengthIsCountedInCodePointsAfterTrimming() {
        assertThat(Names.parse("x".repeat(32), 32)).isPresent();
        assertThat(Names.parse("x".repeat(33), 32)).isEmpty();
        assertThat(Names.parse("   " + "x".repeat(32) + "   ", 32)).isPresent();
        assertThat(Names.parse("𝒜".repeat(32), 32)).isPresent();
        assertThat(Names.parse("", 32)).isEmpty();
        assertThat(Names.parse("    ", 32)).isEmpty();
        assertThat(Names.parse(null, 32)).isEmpty();
    }

    @Test
    void theKeyOfARawNameMatchesTheKeyOfItsParsedForm() {
        assertThat(Names.key("  General   Chat ")).isEqualTo(Names.parse("general chat", 48).orElseThrow().key());
    }

    @Test
    void invisibleCodePointsAndLeadingPunctuationAreRefused() {
        for (String bad : new String[] {"carol\u034F", "\u3164", "ca\u200Brol", "x\uFE0F", "\u115Fa", "a\u1160",
                "_carol", "-carol", ".carol", "\u0301carol", "carol\ud800"}) {
            assertThat(Names.parse(bad, 32)).as(bad).isEmpty();
        }
    }

    @Test
    void mixingScriptsBeyondHighlyRestrictiveIsMarked() {
        assertThat(Names.parse("c\u0430rol", 32).orElseThrow().singleScript()).isFalse();
        assertThat(Names.parse("car\u03BFl", 32).orElseThrow().singleScript()).isFalse();
        for (String fine : new String[] {"carol", "Ωμέγα 7", "田中たろう taro", "김민준 Han 漢", "नमस्ते", "Zoë_2"}) {
            assertThat(Names.parse(fine, 32).orElseThrow().singleScript()).as(fine).isTrue();
        }
    }

    @Test
    void lookAlikesShareASkeleton() {
        Name carol = Names.parse("Carol", 32).orElseThrow();
        Name cyrillic = Names.parse("c\u0430rol", 32).orElseThrow();
        Name ivan = Names.parse("Ivan", 32).orElseThrow();
        Name lvan = Names.parse("lvan", 32).orElseThrow();
        assertThat(carol.skeletons()).containsAnyElementsOf(cyrillic.skeletons());
        assertThat(ivan.skeletons()).containsAnyElementsOf(lvan.skeletons());
        assertThat(carol.skeletons()).doesNotContainAnyElementsOf(Names.parse("Karol", 32).orElseThrow().skeletons());
    }
}
