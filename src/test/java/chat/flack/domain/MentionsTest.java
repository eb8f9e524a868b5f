package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The mention rule of PROTOCOL.md over a fixed set of registered names. */
class MentionsTest {

    private final Map<String, String> registered = Map.of(
            "ada", "Ada", "ada lovelace", "Ada Lovelace", "bo-b", "Bo-b", "zoë", "Zoë", "li.", "Li.");
    private final Mentions mentions = new Mentions(32, key -> Optional.ofNullable(registered.get(key)));

    @Test
    void theLongestRegisteredNameWinsAndEachIsNamedOnceInOrder() {
        assertThat(mentions.in("@Ada Lovelace, meet @ada. Then @ADA LOVELACE again"))
                .containsExactly("Ada Lovelace", "Ada");
    }

    @Test
    void aNameEndsWhereAWordEnds() {
        assertThat(mentions.in("@adam and @ada_ and @ada-x and @ada2")).isEmpty();
        assertThat(mentions.in("(@ada)")).containsExactly("Ada");
        assertThat(mentions.in("@Bo-b!")).containsExactly("Bo-b");
        assertThat(mentions.in("@li. ok")).as("a name may end in a dot").containsExactly("Li.");
    }

    @Test
    void namesAreComparedAsNamesAre() {
        assertThat(mentions.in("hi @ZOË")).containsExactly("Zoë");
        assertThat(mentions.in("hi @zoe\u0308")).as("NFC").containsExactly("Zoë");
    }

    @Test
    void noAtNoMentionAndUnknownNamesAreNone() {
        assertThat(mentions.in("ada and Ada Lovelace")).isEmpty();
        assertThat(mentions.in("@nobody @ @@ada")).containsExactly("Ada");
        assertThat(mentions.in("@".repeat(4000))).isEmpty();
    }
}
