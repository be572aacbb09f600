#!/usr/bin/env bash
# Side by side: the Java solver (target/cdeepex.jar, DJL + libtorch) and tools/reference_alm.py (PyTorch) answer the
# same questions with the same default settings on the same TorchScript models; one table at the end.
# Usage: tools/bench_reference.sh [CLASSIFIER_DIR] [GENERATOR_DIR] [QUESTIONS] [DATASET]   (from the repository root)
set -euo pipefail
classifier=${1:-models/fashion-vgg16}
generator=${2:-models/fashion-vae64}
questions=${3:-4}
dataset=${4:-fashion-samples}
threads=2
jar=target/cdeepex.jar
out=${BENCH_OUT:-target/bench-reference}

die() { echo "error: $*" >&2; exit 1; }
for dir in "$classifier" "$generator"; do
    [ -d "$dir" ] || die "model directory $dir does not exist"
    [ -f "$dir/model.yaml" ] || die "$dir: no model.yaml"
    grep -q '^format: *torchscript' "$dir/model.yaml" || die "$dir is not a TorchScript model (format: torchscript);" \
        "PyTorch cannot load DJL-format .params models, so they cannot be compared"
done
[ -f "$jar" ] || die "$jar not found: build it with mvn -o -q package -DskipTests"
mkdir -p "$out"

echo "load before: $(uptime)"
echo "== java ($jar)"
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=$threads \
    -cp "$jar" tools/JavaSolverBench.java "$classifier" "$generator" "$dataset" "$questions" 2>"$out/java.log" \
    | tee "$out/java.txt" || die "the Java side failed; see $out/java.log"
echo "load between: $(uptime)"
echo "== reference (PyTorch)"
/usr/bin/python3 tools/reference_alm.py --classifier "$classifier" --generator "$generator" --dataset "$dataset" \
    --questions "$questions" --threads $threads | tee "$out/reference.txt"
echo "load after: $(uptime)"

/usr/bin/python3 - "$out/java.txt" "$out/reference.txt" <<'EOF'
import re, statistics, sys
rows = []
for name, path in zip(["java (DJL, libtorch 2.7.1)", "reference (torch 1.13)"], sys.argv[1:]):
    qs = [dict(re.findall(r"(\w+)=(\S+)", line)) | {"pair": line.split(":")[1].split("satisfied")[0].strip()}
          for line in open(path) if re.match(r"\s+q\d+:", line)]
    if not qs:
        sys.exit(f"error: {path}: no per-question lines")
    rows.append((name, qs))
print(f"\n{'loop':28} {'median ms':>10} {'satisfied':>9} {'median dist':>11} {'mean iter':>9}")
for name, qs in rows:
    print(f"{name:28} {statistics.median(float(q['ms']) for q in qs):10.0f}"
          f" {sum(q['satisfied'] == 'True' for q in qs) / len(qs):9.2f}"
          f" {statistics.median(float(q['distance']) for q in qs):11.3f}"
          f" {statistics.mean(int(q['iterations']) for q in qs):9.1f}")
print("\nper question (java | reference): pair, distance, iterations")
for a, b in zip(rows[0][1], rows[1][1]):
    same = "" if a["pair"] == b["pair"] else "  DIFFERENT QUESTION"
    print(f"  {a['pair']:8} {float(a['distance']):7.3f} {int(a['iterations']):4d} | {b['pair']:8}"
          f" {float(b['distance']):7.3f} {int(b['iterations']):4d}{same}")
EOF
