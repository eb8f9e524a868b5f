package chat.flack.it;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Small real images made on the spot. */
public final class Images {

    private Images() {
    }

    /** A 4×4 image in a format ImageIO writes: "png", "jpg" or "gif". */
    public static byte[] of(String format) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG of {@code side}×{@code side} pixels of seeded noise: hundreds of KiB that do not compress. */
    public static byte[] noise(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A minimal lossless WebP (1×1), written byte by byte since ImageIO has no WebP writer. */
    public static byte[] webp() {
        byte[] vp8l = {0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07,
            0x00};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int size = 4 + 8 + vp8l.length;
        out.writeBytes(new byte[] {(byte) size, (byte) (size >> 8), 0, 0});
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) vp8l.length, 0, 0, 0});
        out.writeBytes(vp8l);
        return out.toByteArray();
    }
}
