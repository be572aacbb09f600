package io.cdeepex.model;

/**
 * Convolution by direct summation in float64: the reference the native kernels are checked against. It shares no
 * code with libtorch, so no native library or instruction-set setting can make it wrong.
 */
final class DirectConvolution {
    private DirectConvolution() {}

    /** conv(x, w) without bias; x is (batch, inChannels, size, size), w is (filters, inChannels, kernel, kernel). */
    static double[] forward(ConvShape s, int batch, double[] x, double[] w) {
        int out = s.outSize();
        double[] y = new double[batch * s.filters() * out * out];
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < s.filters(); f++) {
                for (int oy = 0; oy < out; oy++) {
                    for (int ox = 0; ox < out; ox++) {
                        double sum = 0;
                        for (int c = 0; c < s.inChannels(); c++) {
                            for (int ky = 0; ky < s.kernel(); ky++) {
                                int iy = oy * s.stride() - s.padding() + ky;
                                if (iy < 0 || iy >= s.size()) continue;
                                for (int kx = 0; kx < s.kernel(); kx++) {
                                    int ix = ox * s.stride() - s.padding() + kx;
                                    if (ix < 0 || ix >= s.size()) continue;
                                    sum += x[((n * s.inChannels() + c) * s.size() + iy) * s.size() + ix]
                                            * w[((f * s.inChannels() + c) * s.kernel() + ky) * s.kernel() + kx];
                                }
                            }
                        }
                        y[((n * s.filters() + f) * out + oy) * out + ox] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** The gradient of sum(conv(x, w) * g) with respect to x: every output scatters g * w back. */
    static double[] inputGradient(ConvShape s, int batch, double[] g, double[] w) {
        int out = s.outSize();
        double[] dx = new double[batch * s.inChannels() * s.size() * s.size()];
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < s.filters(); f++) {
                for (int oy = 0; oy < out; oy++) {
                    for (int ox = 0; ox < out; ox++) {
                        double go = g[((n * s.filters() + f) * out + oy) * out + ox];
                        for (int c = 0; c < s.inChannels(); c++) {
                            for (int ky = 0; ky < s.kernel(); ky++) {
                                int iy = oy * s.stride() - s.padding() + ky;
                                if (iy < 0 || iy >= s.size()) continue;
                                for (int kx = 0; kx < s.kernel(); kx++) {
                                    int ix = ox * s.stride() - s.padding() + kx;
                                    if (ix < 0 || ix >= s.size()) continue;
                                    dx[((n * s.inChannels() + c) * s.size() + iy) * s.size() + ix] += go
                                            * w[((f * s.inChannels() + c) * s.kernel() + ky) * s.kernel() + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }
}
