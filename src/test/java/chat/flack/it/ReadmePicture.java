package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Makes the README's picture ({@code docs/chat.png}) from a fresh Flack: starts one in a Tomcat
 * process of its own, fills it over the protocol with a conversation of a small team (channels,
 * a mention, reactions, an edit, an image), and takes the screenshot in headless Chromium as one
 * of them. Run by {@code src/docs/picture} after every change to the page.
 */
final class ReadmePicture {

    private ReadmePicture() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/chat.png");
        String name = ServerIT.unique("readme");
        try (TomcatProcess tomcat = new TomcatProcess(name, Map.of("FLACK_DATA_DIR",
                TomcatProcess.dataDir(name).toString()))) {
            tomcat.start();
            URL base = tomcat.url();
            Client margaret = new Client(base);
            margaret.login("Margaret");
            Client linus = new Client(base);
            linus.login("Linus");
            Client ada = new Client(base);
            ada.login("Ada Lovelace");
            String image = ada.postMultipart("/upload", "image", "build-times.png", "image/png", chart()).body();
            String file = Json.createReader(new StringReader(image)).readObject().getString("filename");
            try (Sock m = margaret.socket(); Sock l = linus.socket(); Sock a = ada.socket()) {
                for (String channel : new String[] {"general", "design", "release-2.4", "random"}) {
                    m.create(channel);
                }
                String release = "release-2.4";
                m.join(release);
                l.join(release);
                a.join(release);
                long candidate = said(m, release, "Morning! The 2.4 release candidate is building now.");
                long green = said(l, release, "Tests are green on both databases, and the two-node run lost nothing.");
                String chart = "Build times this week, down a third since we cache the Maven repository:";
                a.send(Sock.frame("send").add("channel", release).add("text", chart).add("image", file));
                awaitOwn(a, chart);
                long typo = said(l, release, "Nice work @Ada Lovelace! Shall we ship on Thusday?");
                l.send(Sock.frame("edit").add("channel", release).add("id", typo)
                        .add("text", "Nice work @Ada Lovelace! Shall we ship on Thursday?"));
                l.await("update");
                react(l, release, candidate, "👍");
                react(a, release, candidate, "👍");
                react(m, release, green, "🎉");
                react(a, release, green, "🎉");
                String last = "Thursday works. I'll write the release notes and post them in #general.";
                said(m, release, last);
                try (Browser grace = Browser.open(base)) {
                    grace.viewport(1280, 800, false);
                    grace.colorScheme("light");
                    grace.login("Grace");
                    grace.join(release);
                    grace.waitForMessage(last);
                    l.send(Sock.frame("direct").add("user", "Grace"));
                    String direct = l.await(f -> f.getString("type").equals("directs")
                            && !f.getJsonArray("directs").isEmpty(), "the conversation with Grace")
                            .getJsonArray("directs").getJsonObject(0).getString("channel");
                    l.join(direct);
                    said(l, direct, "Got a minute after the stand-up?");
                    grace.visible(".direct-list .badge");
                    l.join(release);
                    l.send(Sock.frame("typing").add("channel", release));
                    grace.waitForText("#typing", "Linus");
                    grace.js("document.activeElement && document.activeElement.blur()");
                    Files.copy(grace.screenshot("readme"), out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        System.out.println("wrote " + out);
    }

    /** Says {@code text} and waits until it is stored, so that the next message comes after it. */
    private static long said(Sock s, String channel, String text) {
        s.say(channel, text);
        return awaitOwn(s, text);
    }

    private static long awaitOwn(Sock s, String text) {
        JsonObject m = s.await(f -> f.getString("type").equals("message")
                && f.getJsonObject("message").getString("text").equals(text), "the message").getJsonObject("message");
        return m.getJsonNumber("id").longValue();
    }

    private static void react(Sock s, String channel, long id, String emoji) {
        s.send(Sock.frame("react").add("channel", channel).add("id", id).add("emoji", emoji).add("on", true));
        s.await("update");
    }

    /** A small bar chart of build minutes per weekday, as a PNG. */
    private static byte[] chart() throws IOException {
        int w = 480;
        int h = 240;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF6, 0xF7, 0xFB));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x1F, 0x24, 0x3A));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Build minutes per day", 20, 28);
        String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri"};
        int[] minutes = {21, 19, 14, 13, 12};
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i < days.length; i++) {
            int x = 40 + i * 85;
            int bar = minutes[i] * 7;
            g.setColor(i < 2 ? new Color(0x9A, 0xA3, 0xC7) : new Color(0x33, 0x4F, 0xD0));
            g.fillRoundRect(x, 200 - bar, 50, bar, 6, 6);
            g.setColor(new Color(0x1F, 0x24, 0x3A));
            g.drawString(days[i], x + 12, 220);
            g.drawString(minutes[i] + " min", x + 6, 194 - bar);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return png.toByteArray();
    }
}
