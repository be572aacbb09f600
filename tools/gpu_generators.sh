#!/bin/bash
# Candidate generators trained side by side on a lent GPU machine, then sorted by the inversion bar there
# (tools/inversion_bar.py, both Fashion judges, all 500 fashion-samples) before the Java tool measures the best:
#   fashion-*: Fashion-MNIST VAEs of several widths, latent sizes and KL weights, and the paper's latent-200 WGAN
#   mnist-sq-*: MNIST VAEs on the square-anywhere world (`data export --dataset mnist-train
#               --plant square:x=0,y=0,size=6,value=0.5,share=0.5`), for the bias audit's "why not 8?"
# DATA holds fashion/ (Debian's train-images-idx3-ubyte.gz and labels), fashion-val/ (fashion-samples at 64),
# fs32/ (fashion-samples at 32, with labels), world-train/ and mnist-val/ (mnist-test at 64).
# Every trainer stops at BUDGET seconds and exports; OUT gets one directory per model, its log, and bar-*.json.
set -u
DATA=${1:?usage: tools/gpu_generators.sh DATA OUT [BUDGET]}
OUT=${2:?usage: tools/gpu_generators.sh DATA OUT [BUDGET]}
BUDGET=${3:-300}
PY=${PYTHON:-python3}
mkdir -p "$OUT"
DATA=$(cd "$DATA" && pwd) OUT=$(cd "$OUT" && pwd)
cd "$(dirname "$0")"
$PY -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
common=(--device "${DEVICE:-cuda}" --time-budget "$BUDGET")
fashion_vae() { # name latent channels beta
    $PY train_vae.py --data "$DATA/fashion" --val-data "$DATA/fashion-val" --latent "$2" --channels "$3" --beta "$4" \
        --epochs 300 --batch 128 --lr 1e-3 --seed 1 --progress 2000 --threads 2 "${common[@]}" --out "$OUT/$1" \
        --dataset fashion-mnist-train > "$OUT/$1.log" 2>&1
}
mnist_vae() { # name latent channels beta
    $PY train_vae.py --data "$DATA/world-train" --val-data "$DATA/mnist-val" --latent "$2" --channels "$3" --beta "$4" \
        --epochs 400 --batch 64 --lr 1e-3 --seed 1 --progress 2000 --threads 1 "${common[@]}" --out "$OUT/$1" \
        --dataset mnist-train --plant square:x=0,y=0,size=6,value=0.5,share=0.5 > "$OUT/$1.log" 2>&1
}
fashion_vae fashion-l128-c16-b05 128 16 0.5 &
fashion_vae fashion-l128-c16-b01 128 16 0.1 &
fashion_vae fashion-l128-c24-b025 128 24 0.25 &
fashion_vae fashion-l64-c24-b01 64 24 0.1 &
fashion_vae fashion-l128-c32-b01 128 32 0.1 &
$PY train_wgan.py --data "$DATA/fashion" --latent 200 --channels 32 --steps 100000 --seed 1 --progress 2000 \
    --checkpoint 100000 --threads 2 "${common[@]}" --out "$OUT/fashion-wgan200" --dataset fashion-mnist-train \
    > "$OUT/fashion-wgan200.log" 2>&1 &
mnist_vae mnist-sq-l16-c16-b05 16 16 0.5 &
mnist_vae mnist-sq-l8-c16-b05 8 16 0.5 &
mnist_vae mnist-sq-l32-c16-b025 32 16 0.25 &
mnist_vae mnist-sq-l16-c32-b1 16 32 1.0 &
wait
tail -n 2 "$OUT"/*.log
# One inversion per generator serves both judges; one at a time (started side by side, twelve of these did not
# finish within 200 s on an H200 that had just run ten trainings).
for g in "$OUT"/fashion-*/; do
    name=$(basename "$g")
    [ -f "$g/generator.pt" ] || { echo "$name: no generator.pt"; continue; }
    extra=(); [ -f "$g/encoder.pt" ] || extra=(--starts 8 --latent 200)
    $PY inversion_bar.py --generator "$g" --classifier ../models/fashion-vgg16 ../models/fashion-resnet101 \
        --data "$DATA/fs32" --device "${DEVICE:-cuda}" "${extra[@]}" --json "$OUT/bar-$name.json" | tail -n 1
done
