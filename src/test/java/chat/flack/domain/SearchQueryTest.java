package chat.flack.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchQueryTest {

    @Test
    void theLastWordIsThePrefixAndTheOthersAreFullWordsEachOnce() {
        SearchQuery query = SearchQuery.parse("  deploy Friday deploy  prod ").orElseThrow();
        assertThat(query.words()).containsExactly("deploy", "friday");
        assertThat(query.prefix()).isEqualTo("prod");
    }

    @Test
    void oneWordIsOnlyAPrefix() {
        SearchQuery query = SearchQuery.parse("depl").orElseThrow();
        assertThat(query.words()).isEmpty();
        assertThat(query.prefix()).isEqualTo("depl");
    }

    @Test
    void wordsAreComparedInNfcAndLowerCase() {
        assertThat(SearchQuery.parse("ZOE\u0308").orElseThrow().prefix()).isEqualTo("zo\u00eb");
        assertThat(SearchQuery.wordsOf("Zo\u00eb ZOË zoe\u0308")).containsExactly("zo\u00eb");
        assertThat(SearchQuery.wordsOf("İstanbul")).containsExactly("i\u0307stanbul");
        assertThat(SearchQuery.wordsOf("ΣΟΦΙΑ")).containsExactly("σοφια");
    }

    @Test
    void wordsAreRunsOfLettersMarksAndDigits() {
        assertThat(SearchQuery.wordsOf("don't stop-the_build: v2.0 (at 10:30)!"))
                .containsExactly("don", "t", "stop", "the", "build", "v2", "0", "at", "10", "30");
        assertThat(SearchQuery.wordsOf("नमस्ते दुनिया")).as("Devanagari vowel signs are marks inside the word")
                .containsExactly("नमस्ते", "दुनिया");
        assertThat(SearchQuery.wordsOf("東京、大阪。東京")).containsExactly("東京", "大阪");
        assertThat(SearchQuery.wordsOf("Привет, мир")).containsExactly("привет", "мир");
        assertThat(SearchQuery.wordsOf("½ ² 😀 a\u200bb")).as("other numbers, symbols and invisible characters split")
                .containsExactly("a", "b");
        assertThat(SearchQuery.wordsOf("")).isEmpty();
    }

    @Test
    void anEmptyOrWordlessOrOverlongQueryIsNone() {
        assertThat(SearchQuery.parse("   ")).isEmpty();
        assertThat(SearchQuery.parse("?! -- 😀")).isEmpty();
        assertThat(SearchQuery.parse(null)).isEmpty();
        assertThat(SearchQuery.parse("a\ud800")).isEmpty();
        assertThat(SearchQuery.parse(" " + "ä".repeat(200) + " ")).isPresent();
        assertThat(SearchQuery.parse("😀".repeat(199) + "ab")).as("code points, not chars, are counted").isEmpty();
        assertThat(SearchQuery.parse("😀".repeat(199) + "a")).isPresent();
    }
}
