"""The generator bar of `cdeepex evaluate --generator`, measured in PyTorch so a lent GPU machine (no JDK) can sort
candidate generators before the Java tool measures the ones worth shipping.

For each image: invert it into the generator's latent space as the Java solver's inversion does (the encoder's start
when the generator has one plus --starts random starts z ~ N(0, I); Adam, --steps steps at --lr, on the summed
squared error at the classifier's input size; the best start per image), then ask each classifier (the judges) about
G(z0). Prints the share of G(z0) that keep their label (the bar: >= 90%) and the classifier's decision on the original,
the classifier's accuracy on the originals, and the inversion's mean squared error.

    python3 tools/inversion_bar.py --generator models/fashion-vae128 --classifier models/fashion-vgg16 \
        --data DIR   # `cdeepex data export --dataset fashion-samples --size 32 --out DIR`

The Java `evaluate` remains the number of record: its random starts come from another generator of random numbers.
"""

import argparse
import gzip
import json
import os
import struct
import sys

import torch
import torch.nn.functional as F

from torch_common import read_idx_images


def read_labels(directory):
    for name in ("labels.idx1-ubyte", "labels.idx1-ubyte.gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
                magic, n = struct.unpack(">II", f.read(8))
                if magic != 2049:
                    sys.exit(f"error: {path}: not an IDX label file (magic {magic}, expected 2049)")
                return torch.tensor(list(f.read(n)), dtype=torch.long)
    sys.exit(f"error: --data {directory}: no labels.idx1-ubyte there (write one with `cdeepex data export`)")


def read_images(directory):
    for name in ("images.idx3-ubyte", "images.idx3-ubyte.gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return read_idx_images(path)
    sys.exit(f"error: --data {directory}: no images.idx3-ubyte there (write one with `cdeepex data export`)")


def resize(x, size):
    return x if x.size(-1) == size else F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)


def invert(generator, encoder, latent, images, starts, steps, lr, seed, size):
    """z0 per image (best of its starts) and its per-pixel mean squared error at the classifier's size."""
    n = images.size(0)
    gen = torch.Generator(device="cpu").manual_seed(seed)
    rows = []
    if encoder is not None:
        with torch.no_grad():
            rows.append(encoder(resize(images, 64)))
    for _ in range(starts):
        rows.append(torch.randn(n, latent or rows[0].size(1), generator=gen).to(images.device))
    if not rows:
        sys.exit("error: the generator has no encoder and --starts is 0: the inversion needs at least one start")
    z = torch.cat(rows).clone().requires_grad_(True)
    targets = images.repeat(len(rows), 1, 1, 1)
    opt = torch.optim.Adam([z], lr=lr, betas=(0.9, 0.999), eps=1e-8)
    for _ in range(steps):
        opt.zero_grad()
        loss = (resize(generator(z), size) - targets).pow(2).sum()
        loss.backward()
        opt.step()
    with torch.no_grad():
        err = (resize(generator(z), size) - targets).pow(2).flatten(1).mean(1).view(len(rows), n)
        best = err.argmin(0)
        z0 = z.detach().view(len(rows), n, -1)[best, torch.arange(n)]
        return z0, err[best, torch.arange(n)]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--generator", required=True, help="generator directory (generator.pt, optional encoder.pt)")
    p.add_argument("--classifier", required=True, nargs="+",
                   help="classifier directories (classifier.pt): the judges; one inversion serves them all")
    p.add_argument("--data", required=True, help="`data export` directory at the classifier's input size")
    p.add_argument("--latent", type=int, default=None, help="latent size (needed only without an encoder)")
    p.add_argument("--starts", type=int, default=1, help="random starts besides the encoder's (Java default 1)")
    p.add_argument("--steps", type=int, default=150, help="Adam steps (Java default 150)")
    p.add_argument("--lr", type=float, default=0.05, help="Adam step size (Java default 0.05)")
    p.add_argument("--limit", type=int, default=None, help="only the first N images")
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", default=None, help="also write the numbers to this file")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cpu", help="cpu or cuda (a GPU machine)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.device.startswith("cuda") and not torch.cuda.is_available():
        sys.exit(f"error: --device {a.device}: this PyTorch sees no CUDA device")
    device = torch.device(a.device)
    for flag, directory, name in [("--generator", a.generator, "generator.pt")] + [
            ("--classifier", c, "classifier.pt") for c in a.classifier]:
        if not os.path.isfile(os.path.join(directory, name)):
            sys.exit(f"error: {flag} {directory}: no {name} there (a TorchScript model directory is expected)")
    images, labels = read_images(a.data), read_labels(a.data)
    if a.limit:
        images, labels = images[:a.limit], labels[:a.limit]
    generator = torch.jit.load(os.path.join(a.generator, "generator.pt"), map_location=device).eval()
    enc_path = os.path.join(a.generator, "encoder.pt")
    encoder = torch.jit.load(enc_path, map_location=device).eval() if os.path.exists(enc_path) else None
    if encoder is None and a.latent is None:
        sys.exit(f"error: --generator {a.generator}: no encoder.pt there, so pass --latent (the card's latentSize)")
    latent = a.latent
    judges = {c: torch.jit.load(os.path.join(c, "classifier.pt"), map_location=device).eval() for c in a.classifier}
    size = images.size(-1)
    counts = {c: {"right": 0, "keepLabel": 0, "keepDecision": 0} for c in a.classifier}
    errors = []
    for lo in range(0, images.size(0), a.batch):
        x, y = images[lo:lo + a.batch].to(device), labels[lo:lo + a.batch].to(device)
        z0, err = invert(generator, encoder, latent, x, a.starts, a.steps, a.lr, a.seed + lo, size)
        with torch.no_grad():
            rebuilt_images = resize(generator(z0), size)
            for c, judge in judges.items():
                original, rebuilt = judge(x).argmax(1), judge(rebuilt_images).argmax(1)
                counts[c]["right"] += (original == y).sum().item()
                counts[c]["keepLabel"] += (rebuilt == y).sum().item()
                counts[c]["keepDecision"] += (rebuilt == original).sum().item()
        errors.append(err.cpu())
        print(f"{min(lo + a.batch, images.size(0))}/{images.size(0)} images", flush=True)
    n = images.size(0)
    result = {"generator": a.generator, "images": n, "inversionMse": torch.cat(errors).mean().item(),
              "starts": a.starts, "steps": a.steps, "encoder": encoder is not None,
              "judges": {c: {"classifierRightOnOriginals": v["right"] / n, "keepLabel": v["keepLabel"] / n,
                             "keepDecision": v["keepDecision"] / n} for c, v in counts.items()}}
    print(json.dumps(result))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f)


if __name__ == "__main__":
    main()
