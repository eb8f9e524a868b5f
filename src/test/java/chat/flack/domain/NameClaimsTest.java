package chat.flack.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameClaimsTest {

    private final NameClaims<String> claims = new NameClaims<>();

    private static Name name(String raw) {
        return Names.parse(raw, 32).orElseThrow();
    }

    @Test
    void aNameAndItsLookAlikesAreTakenTogetherAndReleasedTogether() {
        assertThat(claims.claim(name("carol"), "first")).isTrue();
        assertThat(claims.isTaken(name("CAROL"))).isTrue();
        assertThat(claims.isTaken(name("c\u0430rol"))).isTrue();
        assertThat(claims.claim(name("c\u0430rol"), "second")).isFalse();
        assertThat(claims.release("carol", "second")).isFalse();
        assertThat(claims.release("carol", "first")).isTrue();
        assertThat(claims.isTaken(name("c\u0430rol"))).isFalse();
    }

    @Test
    void aRestoredNameBlocksItsLookAlikes() {
        claims.restore("Ivan", "ivan", "old login");
        assertThat(claims.get("ivan")).contains("old login");
        assertThat(claims.isTaken(name("lvan"))).isTrue();
    }

    @Test
    void releasingOneOfTwoRestoredLookAlikesKeepsTheOthersSkeletonsClaimed() {
        claims.restore("Ivan", "ivan", "first");
        claims.restore("lvan", "lvan", "second");
        assertThat(claims.release("lvan", "second")).isTrue();
        assertThat(claims.isTaken(name("lvan"))).isTrue();
        assertThat(claims.release("ivan", "first")).isTrue();
        assertThat(claims.isTaken(name("lvan"))).isFalse();
        assertThat(claims.claim(name("lvan"), "third")).isTrue();
    }
}
