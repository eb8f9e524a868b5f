package chat.flack.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void loneSurrogatesAndNulAreIllFormedPairsAreFine() {
        assertThat(Texts.wellFormed("hello 😀")).isTrue();
        assertThat(Texts.wellFormed("x\ud800y")).isFalse();
        assertThat(Texts.wellFormed("x\udc00")).isFalse();
        assertThat(Texts.wellFormed("x\ud83d")).isFalse();
        assertThat(Texts.wellFormed("a\u0000b")).isFalse();
    }

    @Test
    void repairingReplacesOnlyWhatCannotBeEncoded() {
        assertThat(Texts.repaired("x\ud800y😀\u0000")).isEqualTo("x\uFFFDy😀\uFFFD");
        String fine = "fine";
        assertThat(Texts.repaired(fine)).isSameAs(fine);
        assertThat(Texts.repaired(null)).isNull();
    }

    @Test
    void spacesAndInvisibleCharactersShowNothing() {
        assertThat(Texts.invisible("\u200B \u200B\u2060\u3000\t")).isTrue();
        assertThat(Texts.invisible("")).isTrue();
        assertThat(Texts.invisible(" a ")).isFalse();
    }

    @Test
    void logValuesHaveControlCharactersEscapedAndAreCutShort() {
        assertThat(Texts.forLog("x\nSEVERE: forged\r", 100)).isEqualTo("x\\u000aSEVERE: forged\\u000d");
        assertThat(Texts.forLog("y".repeat(65_000), 40)).hasSize(41).endsWith("…");
        assertThat(Texts.forLog(null, 10)).isEqualTo("null");
    }
}
