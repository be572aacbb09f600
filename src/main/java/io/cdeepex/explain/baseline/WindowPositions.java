package io.cdeepex.explain.baseline;

import java.util.ArrayList;
import java.util.List;

/**
 * Where prediction difference analysis puts its windows: a square window of side {@code window} every {@code stride}
 * pixels along each axis, plus one flush with the last row/column when the stride does not land there, so every pixel
 * is covered. A window larger than the image shrinks to the image.
 */
final class WindowPositions {

    /**
     * One window: rows {@code top..top+height-1}, columns {@code left..left+width-1}.
     */
    record Window(int top, int left, int height, int width) {

        /** Flat C*H*W indices of the window's pixels, all channels. */
        int[] windowIndices(int channels, int imageHeight, int imageWidth) {
            int[] out = new int[channels * height * width];
            int k = 0;
            for (int c = 0; c < channels; c++) {
                for (int r = top; r < top + height; r++) {
                    for (int q = left; q < left + width; q++) out[k++] = (c * imageHeight + r) * imageWidth + q;
                }
            }
            return out;
        }

        /**
         * Flat C*H*W indices of the frame of {@code padding} pixels around the window, clipped at the image border,
         * all channels (empty for padding 0).
         */
        int[] frameIndices(int padding, int channels, int imageHeight, int imageWidth) {
            int r0 = Math.max(0, top - padding), r1 = Math.min(imageHeight, top + height + padding);
            int q0 = Math.max(0, left - padding), q1 = Math.min(imageWidth, left + width + padding);
            List<Integer> out = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                for (int r = r0; r < r1; r++) {
                    for (int q = q0; q < q1; q++) {
                        if (!contains(r, q)) out.add((c * imageHeight + r) * imageWidth + q);
                    }
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        boolean contains(int row, int column) {
            return row >= top && row < top + height && column >= left && column < left + width;
        }
    }

    private WindowPositions() {}

    /** Start offsets along one axis of {@code length} pixels: 0, stride, ... and {@code length - window} last. */
    static int[] starts(int length, int window, int stride) {
        int side = Math.min(window, length);
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s + side <= length; s += stride) out.add(s);
        if (out.get(out.size() - 1) != length - side) out.add(length - side);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every window position over an image of the given size, row by row. */
    static List<Window> cover(int height, int width, int window, int stride) {
        int[] rows = starts(height, window, stride);
        int[] columns = starts(width, window, stride);
        List<Window> out = new ArrayList<>(rows.length * columns.length);
        for (int r : rows) {
            for (int q : columns) out.add(new Window(r, q, Math.min(window, height), Math.min(window, width)));
        }
        return List.copyOf(out);
    }
}
