#!/bin/bash
# The Fashion-MNIST models trained on a lent GPU machine, all four at once (see docs/experiments/model-training.md):
# VGG16 and ResNet101 at the widths the Java trainer used, the paper's WGAN (latent 200) and a latent-128 VAE.
#   DATA: Debian's dataset-fashion-mnist files (train-/t10k- IDX .gz) in DATA/fashion, and the 64x64 export of
#         fashion-samples (`cdeepex data export --dataset fashion-samples`) in DATA/fashion-val
#   OUT:  one model directory per model, each with its training log
# Every trainer stops at BUDGET seconds of training (the classifiers plan their epochs to fit it) and exports.
set -u
DATA=${1:?usage: tools/gpu_fashion.sh DATA OUT [BUDGET]}
OUT=${2:?usage: tools/gpu_fashion.sh DATA OUT [BUDGET]}
BUDGET=${3:-360}
PY=${PYTHON:-python3}
mkdir -p "$OUT"
DATA=$(cd "$DATA" && pwd) OUT=$(cd "$OUT" && pwd)
$PY -c 'import torch; c = torch.cuda.is_available()
print("torch", torch.__version__, "cuda", c, torch.cuda.get_device_name(0) if c else "")'
common=(--device "${DEVICE:-cuda}" --time-budget "$BUDGET" --threads 2)
$PY tools/train_classifier.py --arch vgg16 --width 0.125 --lr 0.05 --flip --epochs 60 --seed 1 "${common[@]}" \
    --data "$DATA/fashion" --test-data "$DATA/fashion" --out "$OUT/fashion-vgg16" --generator fashion-vae \
    --dataset fashion-mnist-train --test-dataset fashion-mnist-test > "$OUT/vgg16.log" 2>&1 &
$PY tools/train_classifier.py --arch resnet101 --width 0.0625 --lr 0.1 --flip --epochs 60 --seed 1 "${common[@]}" \
    --data "$DATA/fashion" --test-data "$DATA/fashion" --out "$OUT/fashion-resnet101" --generator fashion-vae \
    --dataset fashion-mnist-train --test-dataset fashion-mnist-test > "$OUT/resnet101.log" 2>&1 &
($PY tools/train_vae.py --data "$DATA/fashion" --val-data "$DATA/fashion-val" --latent 128 --channels 32 \
    --beta 0.5 --epochs 200 --batch 64 --lr 1e-3 --seed 1 --progress 1000 "${common[@]}" --out "$OUT/fashion-vae128" \
    --dataset fashion-mnist-train > "$OUT/vae128.log" 2>&1) &
($PY tools/train_wgan.py --data "$DATA/fashion" --latent 200 --channels 32 --steps 100000 --seed 1 \
    --progress 1000 --checkpoint 2000 "${common[@]}" --out "$OUT/fashion-wgan200" \
    --dataset fashion-mnist-train > "$OUT/wgan200.log" 2>&1) &
wait
tail -n 4 "$OUT"/*.log
