package chat.flack.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsServletTest {

    @Test
    void withoutATokenOnlyThisMachineMayRead() throws Exception {
        assertThat(MetricsServlet.allowed("127.0.0.1", null, null)).isTrue();
        assertThat(MetricsServlet.allowed("::1", null, null)).isTrue();
        assertThat(MetricsServlet.allowed("192.0.2.7", null, null)).isFalse();
        assertThat(MetricsServlet.allowed("10.1.2.3", "Bearer anything", null)).isFalse();
    }

    @Test
    void withATokenEveryReaderNeedsIt() throws Exception {
        assertThat(MetricsServlet.allowed("192.0.2.7", "Bearer s3cret", "s3cret")).isTrue();
        assertThat(MetricsServlet.allowed("127.0.0.1", null, "s3cret")).isFalse();
        assertThat(MetricsServlet.allowed("192.0.2.7", "Bearer wrong", "s3cret")).isFalse();
        assertThat(MetricsServlet.allowed("192.0.2.7", "s3cret", "s3cret")).isFalse();
    }
}
