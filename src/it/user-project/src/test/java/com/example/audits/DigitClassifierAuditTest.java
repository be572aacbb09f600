package com.example.audits;

import io.cdeepex.data.ImageSet;
import io.cdeepex.evaluate.ClassifierEvaluation;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Explanation;
import io.cdeepex.junit.AuditClassifier;
import io.cdeepex.junit.AuditExplainer;
import io.cdeepex.junit.AuditModels;
import io.cdeepex.junit.AuditSamples;
import io.cdeepex.junit.ModelAudit;
import io.cdeepex.model.Classifier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdeepex.assertions.AuditAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The project's classifier (models/tiny-cnn) audited in Java; its generator is models/tiny-gen. */
@ModelAudit
class DigitClassifierAuditTest {
    @AuditClassifier("tiny-cnn")
    Classifier classifier;

    @Test
    void recognisesTheSampleDigits(@AuditSamples(dataset = "mnist-samples", count = 100, seed = 1) ImageSet digits,
                                   AuditModels models) {
        assertThat(ClassifierEvaluation.run(classifier, digits, models.device())).hasAccuracyAtLeast(0.8);
    }

    @Test
    void answersWhyNotEight(@AuditExplainer(classifier = "tiny-cnn", generator = "tiny-gen", maxOuterIterations = 2,
                                    innerSteps = 4, inversionSteps = 10, inversionStarts = 1) Explainer explainer,
                            @AuditSamples(exclude = 8, count = 2, seed = 7) ImageSet digits) {
        List<Explanation> whyNotEight = explainer.explain(digits, 8);

        assertThat(whyNotEight.stream().map(Explanation::imageId).toList()).containsExactly(digits.id(0), digits.id(1));
        assertThat(whyNotEight.stream().map(Explanation::probeClass).toList()).containsOnly(8);
    }
}
