package io.cdeepex.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a PNG file's bytes say before any pixel is decoded: the size and colour type from its IHDR chunk, and whether
 * every chunk up to IEND is complete. So a truncated file, or one whose header claims 50,000 x 50,000 pixels, is
 * refused with the file's name and the reason instead of the image library's message (or its memory).
 *
 * @param colourType the PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA
 */
record PngHeader(int width, int height, int bitDepth, int colourType) {
    /** The most pixels read from one PNG (4096 x 4096): far above any classifier input, far below a memory problem. */
    static final long MAX_PIXELS = 4096L * 4096L;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Checks the signature, the header and the chunk structure of the whole file. */
    static PngHeader check(byte[] b, Path file) {
        if (b.length < SIGNATURE.length
                || !ByteBuffer.wrap(b, 0, SIGNATURE.length).equals(ByteBuffer.wrap(SIGNATURE))) {
            throw new DatasetException(file + ": not a PNG file (it does not start with the PNG signature); expected a"
                    + " PNG image");
        }
        PngHeader header = null;
        boolean data = false;
        String last = null;
        int pos = SIGNATURE.length;
        while (true) {
            if (pos + 8 > b.length) {
                String where = last == null ? "right after the PNG signature"
                        : pos == b.length ? "after its " + last + " chunk" : "inside the chunk after " + last;
                throw truncated(file, b.length, where + (data ? ", before the IEND chunk" : ", before any image data"));
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(b, pos, 4).getInt());
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (header == null && !type.equals("IHDR")) {
                throw new DatasetException(file + ": the PNG's first chunk is '" + type + "'; expected IHDR (the"
                        + " header) — the file is corrupt");
            }
            if (pos + 12 + length > b.length) {
                throw truncated(file, b.length, "inside its " + type + " chunk");
            }
            if (type.equals("IHDR")) header = parse(b, pos + 8, (int) length, file);
            if (type.equals("IDAT")) data = true;
            if (type.equals("IEND")) break;
            last = type;
            pos += 12 + (int) length;
        }
        if (!data) {
            throw new DatasetException(file + ": the PNG has no image data (no IDAT chunk); the file is corrupt");
        }
        return header;
    }

    private static PngHeader parse(byte[] b, int at, int length, Path file) {
        if (length != 13) {
            throw new DatasetException(file + ": the PNG header (IHDR) has " + length + " bytes; expected 13 — the"
                    + " file is corrupt");
        }
        ByteBuffer in = ByteBuffer.wrap(b, at, 13);
        long width = Integer.toUnsignedLong(in.getInt());
        long height = Integer.toUnsignedLong(in.getInt());
        int depth = in.get() & 0xFF;
        int colour = in.get() & 0xFF;
        if (width < 1 || height < 1) {
            throw new DatasetException(file + ": its header says " + width + "x" + height + " pixels (width x height);"
                    + " expected at least 1x1");
        }
        if (width * height > MAX_PIXELS) {
            throw new DatasetException(file + ": its header says " + width + "x" + height + " pixels (width x height),"
                    + " more than the " + MAX_PIXELS + " (4096x4096) this tool reads; scale the image down first");
        }
        return new PngHeader((int) width, (int) height, depth, colour);
    }

    private static DatasetException truncated(Path file, int size, String where) {
        return new DatasetException(file + ": the PNG is truncated: the file ends at byte " + size + ", " + where
                + "; expected a complete PNG (copy or export it again)");
    }

    /** Whether the file stores an alpha channel. */
    boolean hasAlpha() {
        return colourType == 4 || colourType == 6;
    }

    /** "an RGBA PNG (8 bits per channel)" and the like. */
    String describe() {
        String kind = switch (colourType) {
            case 0 -> "a grey PNG";
            case 2 -> "an RGB PNG";
            case 3 -> "a palette (indexed-colour) PNG";
            case 4 -> "a grey+alpha PNG";
            case 6 -> "an RGBA PNG";
            default -> "a PNG of colour type " + colourType;
        };
        return kind + (colourType == 3 ? " (" + bitDepth + "-bit indices)" : " (" + bitDepth + " bits per channel)");
    }
}
