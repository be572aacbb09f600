package io.cdeepex.report;

/**
 * The image a question was asked about as the user gave it, before the resize to the classifier's input: written into
 * {@code explanation.json} as {@code source}, so a stretched or shrunk input can be told from the file.
 *
 * @param name the file or dataset it came from
 */
public record SourceImage(String name, int channels, int height, int width) {}
