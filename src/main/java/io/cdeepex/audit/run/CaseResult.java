package io.cdeepex.audit.run;

import io.cdeepex.audit.suite.AuditCase;
import io.cdeepex.audit.suite.AuditSuite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a case measured and how each expectation was judged. */
public record CaseResult(AuditSuite suite, AuditCase auditCase, List<CaseRunner.Measured> measured,
                         List<Verdict> verdicts) {

    boolean passed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    long failures() {
        return verdicts.stream().filter(v -> !v.passed()).count();
    }

    /** The assertion message: where the case is, failed verdicts first, then the passed ones and what ran. */
    String failureMessage() {
        StringBuilder sb = new StringBuilder();
        sb.append(suite.file()).append(": ").append(auditCase.position()).append(": case '").append(auditCase.name())
                .append("' failed ").append(failures()).append(" of ").append(verdicts.size())
                .append(verdicts.size() == 1 ? " expectation:" : " expectations:");
        verdicts.stream().filter(v -> !v.passed()).forEach(v -> sb.append("\n  FAILED ").append(v.text()));
        verdicts.stream().filter(Verdict::passed).forEach(v -> sb.append("\n  passed ").append(v.text()));
        sb.append("\n").append(runs());
        return sb.toString();
    }

    /** Every verdict, one per line, then what ran: the summary of a passing case. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        verdicts.forEach(v -> sb.append(v.passed() ? "passed " : "FAILED ").append(v.text()).append("\n"));
        sb.append(runs());
        return sb.toString();
    }

    private String runs() {
        StringBuilder sb = new StringBuilder("runs:");
        for (CaseRunner.Measured m : measured) {
            sb.append("\n  ").append(m.run().role() == null ? "run" : m.run().role()).append(": ")
                    .append(m.run().describe()).append(" (").append(m.images().size()).append(" images");
            if (auditCase.question() != null) sb.append(", ").append(auditCase.question());
            if (m.scan() != null) {
                sb.append(", scan of probes ").append(m.scan().probes()).append(": ")
                        .append(m.scan().findings().size()).append(" findings in ")
                        .append(m.scan().millis() / 1000).append(" s");
            }
            sb.append(")");
            if (m.note() != null) sb.append("; ").append(m.note());
            if (!m.regionMass().isEmpty()) {
                sb.append("\n    mean red / blue mass fraction in the suite's regions:");
                m.regionMass().forEach((name, rb) -> sb.append(" ").append(name).append(" ").append(Verdict.f(rb[0]))
                        .append(" / ").append(Verdict.f(rb[1])).append(";"));
                sb.setLength(sb.length() - 1);
            }
        }
        return sb.toString();
    }

    /** The measured numbers by name ("candidate plantedRate of ..."), for report entries and parameters. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (CaseRunner.Measured m : measured) {
            String prefix = m.run().role() == null ? "" : m.run().role() + " ";
            m.values().forEach((x, v) -> out.put(prefix + x.describe(), Verdict.f(v)));
            m.regionMass().forEach((name, rb) -> {
                out.put(prefix + "red mass in " + name, Verdict.f(rb[0]));
                out.put(prefix + "blue mass in " + name, Verdict.f(rb[1]));
            });
        }
        return out;
    }
}
