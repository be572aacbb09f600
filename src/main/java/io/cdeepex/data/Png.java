package io.cdeepex.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * PNG in and out for grey (and RGB) images, with {@code javax.imageio}. Grey images (with or without alpha, 8 or
 * 16 bit) read as C = 1 from the raw samples (no colour-space conversion); everything else reads as C = 3 RGB.
 * Alpha is dropped (and named in messages about channels, {@link ImageSet#channelLayout()}).
 */
public final class Png {
    private Png() {}

    /** The largest PNG file read (a 4096x4096 16-bit RGBA image stored uncompressed is about 128 MiB). */
    private static final long MAX_FILE_BYTES = 256L << 20;

    /**
     * Reads a PNG as a C*H*W image in 0..1 (grey images: C = 1; colour: C = 3); one image, without a label
     * ({@link ImageSet#UNLABELLED}). The file's structure and size are checked before decoding
     * ({@link PngHeader}); every error names the file.
     */
    public static ImageSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("PNG file not found: " + file);
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new DatasetException(file + ": " + Files.size(file) + " bytes, more than the " + MAX_FILE_BYTES
                    + " this tool reads as one PNG; scale the image down first");
        }
        byte[] bytes = Files.readAllBytes(file);
        PngHeader header = PngHeader.check(bytes, file);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": the PNG cannot be decoded (" + e.getMessage() + "); the file is"
                    + " corrupt", e);
        }
        if (image == null) {
            throw new DatasetException(file + ": not a readable image; expected a PNG");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        ColorModel model = image.getColorModel();
        boolean grey = model.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1;
        float[] pixels;
        int channels;
        if (grey) {
            channels = 1;
            Raster raster = image.getRaster();
            float max = (1 << model.getComponentSize(0)) - 1;
            pixels = new float[h * w];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    pixels[r * w + c] = raster.getSample(c, r, 0) / max;
                }
            }
        } else {
            channels = 3;
            pixels = new float[3 * h * w];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int rgb = image.getRGB(c, r);
                    pixels[r * w + c] = ((rgb >> 16) & 0xFF) / 255f;
                    pixels[h * w + r * w + c] = ((rgb >> 8) & 0xFF) / 255f;
                    pixels[2 * h * w + r * w + c] = (rgb & 0xFF) / 255f;
                }
            }
        }
        String layout = header.describe() + ", read as " + (channels == 1 ? "1 channel (grey" : "3 channels (RGB")
                + (header.hasAlpha() ? ", alpha dropped)" : ")");
        return new ImageSet(file.toString(), channels, h, w, new float[][] {pixels}, new int[] {ImageSet.UNLABELLED},
                new String[] {file.getFileName().toString()}, List.of()).withChannelLayout(layout);
    }

    /** Writes a C*H*W image (C = 1 or 3, values clamped to 0..1) as PNG. */
    public static void write(float[] image, int channels, int height, int width, Path file) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    "PNG " + file + ": " + channels + " channels; expected 1 (grey) or 3 (RGB)");
        }
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("PNG " + file + ": image has " + image.length + " values; expected "
                    + channels + "x" + height + "x" + width);
        }
        BufferedImage out;
        if (channels == 1) {
            out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            var raster = out.getRaster();
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    raster.setSample(c, r, 0, IdxWriter.toByte(image[r * width + c]));
                }
            }
        } else {
            out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int plane = height * width;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int p = r * width + c;
                    int rgb = IdxWriter.toByte(image[p]) << 16 | IdxWriter.toByte(image[plane + p]) << 8
                            | IdxWriter.toByte(image[2 * plane + p]);
                    out.setRGB(c, r, rgb);
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer available in javax.imageio for " + file);
        }
    }
}
