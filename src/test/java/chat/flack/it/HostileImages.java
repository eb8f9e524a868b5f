package chat.flack.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Image files made byte by byte whose headers lie about their size, or whose magic bytes lie
 * about what they are: the inputs of the pixel-limit rules. Nothing here is read from a file.
 */
final class HostileImages {

    private HostileImages() {
    }

    /**
     * A PNG whose IHDR claims {@code width} x {@code height} (8-bit grey), with correct CRCs, a tiny
     * IDAT (one pixel's worth of data, far too little for the claimed size) and IEND.
     */
    static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", deflate(new byte[] {0, 0}));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** 41 bytes: SOI, a JFIF APP0, a baseline SOF0 claiming {@code width} x {@code height}, EOI. */
    static byte[] jpegHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 17, 8,
            (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 3,
            1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
        return out.toByteArray();
    }

    /** A GIF89a whose logical screen is {@code width} x {@code height}, holding one 1x1 image. */
    static byte[] gif(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8), 0, 0, 0});
        // image descriptor at 0,0, 1x1, with a local colour table of two entries
        out.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, 1, 0, 1, 0, (byte) 0x80});
        out.writeBytes(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        out.writeBytes(new byte[] {2, 2, 0x44, 0x01, 0}); // LZW: clear, pixel 0, end
        out.write(0x3b);
        return out.toByteArray();
    }

    /** "RIFF", a size, "WEBP", and then a script instead of any WebP chunk. */
    static byte[] webpWithScript() {
        byte[] body = "<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII);
        int size = 4 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] buffer = new byte[64];
        int n = deflater.deflate(buffer);
        deflater.end();
        byte[] out = new byte[n];
        System.arraycopy(buffer, 0, out, 0, n);
        return out;
    }
}
