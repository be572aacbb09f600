package io.cdeepex.audits;

import io.cdeepex.data.ImageSet;
import io.cdeepex.data.PlantSpec;
import io.cdeepex.explain.Explainer;
import io.cdeepex.explain.Region;
import io.cdeepex.explain.scan.ScanListener;
import io.cdeepex.explain.scan.ScanResult;
import io.cdeepex.explain.scan.ScanSettings;
import io.cdeepex.explain.scan.Scanner;
import io.cdeepex.junit.AuditClassifier;
import io.cdeepex.junit.AuditExplainer;
import io.cdeepex.junit.AuditSamples;
import io.cdeepex.junit.ModelAudit;
import io.cdeepex.model.Classifier;
import io.cdeepex.report.AllureAttachments;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdeepex.assertions.AuditAssertions.assertThat;

/**
 * The scan, the audit that names nothing, on the MNIST fixtures with each classifier's own generator and the
 * scan's defaults: on the biased classifier its top finding is the planted square, on the clean one nothing
 * flips. Two probe classes each (the biased class and one other) keep the run short; the scan itself does not
 * know which class or place was planted.
 */
@ModelAudit
@Tag("paper-audit")
class MnistScanAuditsTest {
    @BeforeEach
    void fixturesPresent() {
        MnistFixtures.assumePresent();
    }

    @Test
    @DisplayName("scan of biased-8 (card's generator, defaults): the top finding is the planted square, and it flips")
    void scanFindsThePlantedSquare(@AuditClassifier("mnist-biased8") Classifier biased,
                                   @AuditExplainer(classifier = "mnist-biased8") Explainer explainer,
                                   @AuditSamples ImageSet samples) {
        ScanResult scan = scan(explainer, samples);

        assertThat(scan).isComplete().findsShortcutIn(plantedSquare(biased, samples));
    }

    @Test
    @DisplayName("scan of the clean classifier (card's generator, defaults): no finding flips 0.2 of its images")
    void scanOfTheCleanClassifierFindsNoShortcut(@AuditExplainer(classifier = "mnist-classifier") Explainer explainer,
                                                 @AuditSamples ImageSet samples) {
        ScanResult scan = scan(explainer, samples);

        assertThat(scan).isComplete().hasNoShortcut();
    }

    /** Runs the scan in an Allure step, so the explanations' own attachments fold away under the scan's page. */
    private static ScanResult scan(Explainer explainer, ImageSet samples) {
        ScanResult scan = Allure.step("scan probes 8 and 3", () -> new Scanner(explainer).run(samples,
                ScanSettings.defaults().withProbes(List.of(8, 3)), ScanListener.NONE));
        AllureAttachments.attachScan(scan);
        return scan;
    }

    /** The card's planted square, from the dataset's pixels to the classifier's input pixels. */
    private static Region plantedSquare(Classifier classifier, ImageSet samples) {
        PlantSpec p = MnistFixtures.plantOf(classifier);
        double sx = classifier.inputShape().get(2) / (double) samples.width();
        double sy = classifier.inputShape().get(1) / (double) samples.height();
        return new Region((int) Math.floor(p.x() * sx), (int) Math.floor(p.y() * sy),
                (int) Math.ceil(p.size() * sx), (int) Math.ceil(p.size() * sy));
    }
}
