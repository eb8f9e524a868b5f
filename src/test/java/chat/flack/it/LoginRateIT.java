package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static chat.flack.it.HttpContractIT.assertError;
import static chat.flack.it.HttpContractIT.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code FLACK_LOGIN_RATE}: logins per minute per client address, off unless set (every other
 * test logs in freely, so the default is covered there). Needs a Tomcat of its own for the setting.
 */
class LoginRateIT {

    @Test
    void theSixthLoginWithinAMinuteFromOneAddressIsRateLimitedAndTakesNoName() throws Exception {
        String process = ServerIT.unique("login-rate");
        Map<String, String> env = RestartProcessIT.flackEnv(process);
        env.put("FLACK_LOGIN_RATE", "5");
        try (TomcatProcess tomcat = new TomcatProcess(process, env)) {
            tomcat.start();
            for (int i = 0; i < 5; i++) {
                new Client(tomcat.url()).login(ServerIT.unique("early" + i));
            }
            String sixth = ServerIT.unique("sixth");
            HttpResponse<String> r = new Client(tomcat.url()).postForm("/newuser", Map.of("displayname", sixth), true);
            assertError(r, 429, "rate-limited");
            HttpResponse<String> check = new Client(tomcat.url())
                    .get("/checkdispname?name=" + URLEncoder.encode(sixth, StandardCharsets.UTF_8));
            assertThat(json(check).getBoolean("available")).isTrue();
        }
    }
}
