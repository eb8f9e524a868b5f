package chat.flack.web;

import chat.flack.config.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The health body leaves out what does not apply; the other bodies keep their nulls. */
class BodiesTest {

    @Test
    void healthLeavesOutAReasonAndARelayThatDoNotApply() {
        assertThat(Json.JSONB.toJson(new Bodies.Health("UP", null, null))).isEqualTo("{\"status\":\"UP\"}");
        assertThat(Json.JSONB.toJson(new Bodies.Health("DOWN", "starting", "DOWN")))
                .isEqualTo("{\"reason\":\"starting\",\"relay\":\"DOWN\",\"status\":\"DOWN\"}");
        assertThat(Json.JSONB.toJson(new Bodies.Error("x", null))).contains("\"message\":null");
    }
}
