package io.cdeepex.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a {@code .tgz} (what {@code npm pack} writes) with plain Java: ustar headers, the pax {@code path}
 * record and GNU long names. Regular files and directories only; links and devices are skipped. Entries that
 * would land outside the target directory are refused.
 */
public final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {}

    /** Extracts every regular file of the archive under {@code target}; returns how many files it wrote. */
    public static int extract(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                if (!readBlock(in, header)) {
                    throw new DatasetException(
                            archive + ": truncated tar archive; expected two zero blocks at the end");
                }
                if (isZero(header)) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12, archive);
                char type = (char) header[156];
                if (type == 'x' || type == 'L') {
                    byte[] data = readData(in, size, archive);
                    longName = type == 'L' ? text(data, 0, data.length) : paxPath(data, longName);
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '0' || type == '\0' || type == '5') {
                    Path out = root.resolve(name).normalize();
                    if (!out.startsWith(root)) {
                        throw new DatasetException(archive + ": entry '" + name + "' points outside " + root);
                    }
                    if (type == '5') {
                        Files.createDirectories(out);
                        skip(in, size, archive);
                    } else {
                        Files.createDirectories(out.getParent());
                        try (OutputStream os = Files.newOutputStream(out)) {
                            copy(in, os, size, archive);
                        }
                        skip(in, padding(size), archive);
                        files++;
                    }
                } else {
                    skip(in, size + padding(size), archive);
                }
            }
        }
        return files;
    }

    private static String paxPath(byte[] data, String previous) {
        // Records are "<length> <key>=<value>\n".
        String records = new String(data, StandardCharsets.UTF_8);
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return previous;
    }

    private static byte[] readData(InputStream in, long size, Path archive) throws IOException {
        if (size > 1 << 20) {
            throw new DatasetException(archive + ": tar header record of " + size + " bytes; expected under 1 MiB");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new DatasetException(archive + ": truncated tar archive inside a header record");
        }
        skip(in, padding(size), archive);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new DatasetException(archive + ": truncated tar archive; a file entry ends early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new DatasetException(archive + ": truncated tar archive");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        return in.readNBytes(block, 0, BLOCK) == BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int offset, int length, Path archive) {
        String s = text(b, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new DatasetException(archive + ": bad tar header, size field '" + s + "' is not an octal number");
        }
    }
}
