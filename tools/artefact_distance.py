#!/usr/bin/python3
"""How far, in a generator's latent space, is "the same image with the artefact added"?

CDeepEx answers "why not 8?" with the nearest latent point where the classifier hesitates between the two classes.
Whether that answer can be "add the square" depends on how far the square is from z0 in the generator's latent
space. This measures it: each image x and x with the square planted are inverted (the encoder's start when the
generator has one, plus random starts, Adam on the squared error), and the latent distance |z1 - z0| between the
two inversions is printed beside the explanations' latentDistance. G(z0) and G(z1) are written as IDX pairs, so
the classifier can say whether the square alone moves them to the probe class:

  java -jar target/cdeepex.jar data export --dataset mnist-test --out /tmp/mnist-val
  /usr/bin/python3 tools/artefact_distance.py --generator models/mnist-vae-square-anywhere --data /tmp/mnist-val \\
       --square 0,0,6,0.5 --exclude 8 --count 30 --starts 1 --out /tmp/artefact
  java -jar target/cdeepex.jar evaluate --classifier mnist-biased8 --dataset /tmp/artefact/with-square
"""

import argparse
import os
import struct
import sys

import torch

from torch_common import read_export


def invert(generator, encoder, target, starts, steps, latent):
    """Best of `starts` random starts (plus the encoder's) per image: (z, per-pixel squared error)."""
    n = target.size(0)
    inits = [torch.randn(n, latent) for _ in range(starts)]
    if encoder is not None:
        with torch.no_grad():
            inits.insert(0, encoder(target))
    z = torch.cat(inits).requires_grad_(True)
    t = target.repeat(len(inits), 1, 1, 1)
    opt = torch.optim.Adam([z], lr=0.05)
    for _ in range(steps):
        loss = (generator(z) - t).pow(2).sum()
        opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        err = (generator(z) - t).pow(2).flatten(1).mean(1).view(len(inits), n)
        best = err.argmin(0)
        z = z.detach().view(len(inits), n, -1)[best, torch.arange(n)]
        return z, err[best, torch.arange(n)]


def write_idx(directory, images, labels):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "images.idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, images.size(0), images.size(-2), images.size(-1)))
        f.write((images.clamp(0, 1) * 255).round().to(torch.uint8).numpy().tobytes())
    with open(os.path.join(directory, "labels.idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, labels.size(0)))
        f.write(labels.to(torch.uint8).numpy().tobytes())


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--generator", required=True, help="model directory with generator.pt (and encoder.pt)")
    p.add_argument("--data", required=True, help="`data export` directory of clean images")
    p.add_argument("--square", required=True, help="x,y,size,value of the square, in 64x64 pixels")
    p.add_argument("--exclude", type=int, default=None, help="leave out this label (the probe class)")
    p.add_argument("--count", type=int, default=60)
    p.add_argument("--starts", type=int, default=4, help="random inversion starts (besides the encoder's)")
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    try:
        x0, y0, size, value = a.square.split(",")
        x0, y0, size, value = int(x0), int(y0), int(size), float(value)
    except ValueError:
        sys.exit(f"error: --square {a.square}: expected x,y,size,value, e.g. 0,0,6,0.5")
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    generator = torch.jit.load(os.path.join(a.generator, "generator.pt")).eval()
    enc_path = os.path.join(a.generator, "encoder.pt")
    encoder = torch.jit.load(enc_path).eval() if os.path.exists(enc_path) else None
    with torch.no_grad():
        latent = encoder(torch.zeros(1, 1, 64, 64)).size(1) if encoder is not None else None
    if latent is None:
        for k in range(1, 1025):  # a TorchScript module does not say its input size: probe it
            try:
                generator(torch.zeros(1, k)); latent = k; break
            except RuntimeError:
                continue
    images = read_export(a.data, "--data")
    with open(os.path.join(a.data, "labels.idx1-ubyte"), "rb") as f:
        labels = torch.frombuffer(bytearray(f.read()[8:]), dtype=torch.uint8)
    keep = (labels != a.exclude).nonzero().flatten()[:a.count] if a.exclude is not None else torch.arange(a.count)
    x, labels = images[keep], labels[keep]
    planted = x.clone()
    planted[..., y0:y0 + size, x0:x0 + size] = value
    z0, e0 = invert(generator, encoder, x, a.starts, a.steps, latent)
    z1, e1 = invert(generator, encoder, planted, a.starts, a.steps, latent)
    with torch.no_grad():
        g0, g1 = generator(z0), generator(z1)
    red = (g1 - g0).clamp(min=0).flatten(1)
    region = torch.zeros(64, 64, dtype=torch.bool)
    region[max(0, y0 - 1):y0 + size + 1, max(0, x0 - 1):x0 + size + 1] = True
    share = red[:, region.flatten()].sum(1) / red.sum(1).clamp(min=1e-12)
    dist = (z1 - z0).norm(dim=1)
    for i in range(x.size(0)):
        print(f"{keep[i].item()} (label {labels[i].item()}): |z1 - z0| {dist[i]:.2f}  error {e0[i]:.4f} / "
              f"{e1[i]:.4f}  red inside the square (+1 px) {share[i]:.2f}")
    print(f"{x.size(0)} images, latent {latent}: |z1 - z0| median {dist.median():.2f}, mean {dist.mean():.2f}; "
          f"|z0| mean {z0.norm(dim=1).mean():.2f}; red inside the square (+1 px) mean {share.mean():.2f}")
    write_idx(os.path.join(a.out, "reconstructed"), g0, labels)
    write_idx(os.path.join(a.out, "with-square"), g1, labels)
    print(f"wrote {a.out}/reconstructed and {a.out}/with-square (G(z0), G(z1)) for `evaluate --classifier`")


if __name__ == "__main__":
    main()
