package io.cdeepex.explain;

/** An axis-aligned pixel rectangle in classifier-input coordinates: columns x..x+width-1, rows y..y+height-1. */
public record Region(int x, int y, int width, int height) {
    public Region {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region needs x, y >= 0 and width, height > 0, got " + this);
        }
    }

    public boolean contains(int column, int row) {
        return column >= x && column < x + width && row >= y && row < y + height;
    }

    /** Whether the two regions share at least one pixel. */
    public boolean overlaps(Region o) {
        return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
    }

    /** Whether the region lies inside an image of the given size. */
    public boolean fitsIn(int imageWidth, int imageHeight) {
        return x + width <= imageWidth && y + height <= imageHeight;
    }

    @Override
    public String toString() {
        return "[x=" + x + ", y=" + y + ", " + width + "x" + height + "]";
    }
}
