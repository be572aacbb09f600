package io.cdeepex.explain.baseline;

import io.cdeepex.explain.BaselineMethods;
import io.cdeepex.explain.Explanation;

import java.util.List;

/** The baseline methods as the explainer calls them (registered in META-INF/services). */
public final class ContrastiveBaselines implements BaselineMethods {

    @Override
    public List<Explanation> explain(Request r) {
        Questions q = r.questions();
        return BaselineExplainer.explain(new ModelProbe(r.classifier(), r.manager()), r.settings(), q.ids(),
                q.images(), q.trueClass(), q.probeClass(), q.before(), r.references());
    }
}
