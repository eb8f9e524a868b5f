package chat.flack.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URL;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Base of the tests that talk to Flack on a real Tomcat: deploys the packaged WAR as the root
 * application and hands out clients and fresh names.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServerIT {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @ArquillianResource
    protected URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        File war = new File(System.getProperty("flack.war", "target/flack.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    /** A new browser-like client with its own cookies. */
    protected Client client() {
        return new Client(base);
    }

    /** A client that has taken a fresh display name. */
    protected Client loggedIn() {
        Client c = client();
        c.login(unique("user"));
        return c;
    }

    /** A channel created over the socket by another user, as a page would see it. */
    protected String channelFromServer() {
        String channel = unique("ch");
        try (Sock sock = loggedIn().socket()) {
            sock.await("channels");
            sock.createAndAwait(channel);
        }
        return channel;
    }

    /** A name nobody has used in this test run. */
    protected static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Integer.toString(
                ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }
}
