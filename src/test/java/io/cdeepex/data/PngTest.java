package io.cdeepex.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PngTest {
    @TempDir
    Path dir;

    @Test
    void greyRoundTripsThroughBytes() throws Exception {
        float[] image = new float[12];
        for (int i = 0; i < image.length; i++) {
            image[i] = (20 * i) / 255f;
        }
        Path file = dir.resolve("sub/grey.png");
        Png.write(image, 1, 3, 4, file);
        BufferedImage written = ImageIO.read(file.toFile());
        assertThat(written.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);

        ImageSet back = Png.read(file);
        assertThat(back.channels()).isEqualTo(1);
        assertThat(back.height()).isEqualTo(3);
        assertThat(back.width()).isEqualTo(4);
        assertThat(back.image(0)).containsExactly(image);
    }

    @Test
    void rgbRoundTripsPlaneByPlane() throws Exception {
        // 1x2 image: pixel 0 pure red, pixel 1 (0.2, 0.4, 0.6).
        float[] image = {1f, 51 / 255f, 0f, 102 / 255f, 0f, 153 / 255f};
        Path file = dir.resolve("rgb.png");
        Png.write(image, 3, 1, 2, file);
        assertThat(ImageIO.read(file.toFile()).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        ImageSet back = Png.read(file);
        assertThat(back.channels()).isEqualTo(3);
        assertThat(back.image(0)).containsExactly(image);
        assertThat(back.label(0)).isEqualTo(-1);
    }

    @Test
    void valuesAreClampedToZeroOne() throws Exception {
        Path file = dir.resolve("clamp.png");
        Png.write(new float[] {-3f, 0.5f, 7f}, 1, 1, 3, file);
        assertThat(Png.read(file).image(0)).containsExactly(0f, 128 / 255f, 1f);
    }

    @Test
    void badInputIsRefused() throws Exception {
        assertThatThrownBy(() -> Png.write(new float[8], 2, 2, 2, dir.resolve("two.png")))
                .hasMessageContaining("2 channels; expected 1 (grey) or 3 (RGB)");
        Path text = Files.writeString(dir.resolve("fake.png"), "not an image");
        assertThatThrownBy(() -> Png.read(text)).hasMessageContaining(text + ": not a PNG file (it does not start"
                + " with the PNG signature)");
        Path signature = PngFiles.truncated(dir.resolve("signature.png"), 8);
        assertThatThrownBy(() -> Png.read(signature)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(signature + ": the PNG is truncated: the file ends at byte 8, right after the PNG"
                        + " signature, before any image data");
    }

    @Test
    void aPngIsUnlabelledAndNamesItsChannelLayout() throws Exception {
        ImageSet rgba = Png.read(PngFiles.rgba(dir.resolve("rgba.png"), 3, 2));
        assertThat(rgba.channels()).isEqualTo(3);
        assertThat(rgba.isLabelled(0)).isFalse();
        assertThat(rgba.channelMismatch(1, "a grey classifier")).isEqualTo(dir.resolve("rgba.png")
                + " is an RGBA PNG (8 bits per channel), read as 3 channels (RGB, alpha dropped), but a grey"
                + " classifier expects 1 channel (grey); convert the images to greyscale first");
        assertThat(rgba.channelMismatch(3, "an RGB classifier")).isNull();
        ImageSet grey = Png.read(PngFiles.grey(dir.resolve("grey.png"), 3, 2));
        assertThat(grey.channelLayout()).isEqualTo("a grey PNG (8 bits per channel), read as 1 channel (grey)");
    }
}
