package io.cdeepex.explain.baseline;

/**
 * A single-class relevance method (LIME, integrated gradients, PDA): for each image, an H*W map whose positive values
 * are evidence for the given class and negative values evidence against it. Made contrastive by
 * {@link ContrastiveAdaptation}.
 */
public interface RelevanceMethod {
    /**
     * @param context the classifier (counting its passes), the settings, the seeded random source, reference images
     * @param images  C*H*W images in 0..1 at the classifier's input size
     * @param classes the class to explain for each image
     */
    RelevanceMaps relevance(BaselineContext context, float[][] images, int[] classes);
}
