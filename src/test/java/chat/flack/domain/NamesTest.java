package chat.flack.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void spacesAreTrimmedAndCollapsed() {
        assertThat(Names.parse("  Ada   Lovelace ", 32)).contains(new Name("Ada Lovelace", "ada lovelace"));
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
}
