package io.cdeepex.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Encodes rendered images as PNG, to bytes (for Allure) or to files (for the CLI). */
public final class PngImages {
    private PngImages() {}

    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding PNG in memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the image as PNG, creating parent directories. */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.write(file, bytes(image));
    }
}
