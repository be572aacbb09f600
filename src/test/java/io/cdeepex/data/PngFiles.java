package io.cdeepex.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/** PNG files for tests of bad input: odd sizes, channel layouts, truncations and lying headers. */
public final class PngFiles {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngFiles() {}

    /** A grey PNG of width x height with a horizontal ramp. */
    public static Path grey(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) image.getRaster().setSample(x, y, 0, (x * 255) / Math.max(1, width - 1));
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A colour PNG with an alpha channel (colour type 6, 8 bits). */
    public static Path rgba(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) image.setRGB(x, y, 0x80FF8040);
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** The first {@code keep} bytes of a valid 28x28 grey PNG. */
    public static Path truncated(Path file, int keep) throws IOException {
        Path whole = grey(file.resolveSibling(file.getFileName() + ".whole"), 28, 28);
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        Files.write(file, Arrays.copyOf(bytes, Math.min(keep, bytes.length)));
        return file;
    }

    /** A grey PNG whose header claims width x height pixels, followed by a tiny data chunk and the end chunk. */
    public static Path claiming(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1});
        chunk(out, "IEND", new byte[0]);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
