"""What the PyTorch trainers (train_wgan.py, train_vae.py, train_classifier.py) share: IDX input, the upsampling
generator, device and resume options, PNG and card output."""

import gzip
import json
import os
import struct
import sys
import zlib

import torch
from torch import nn


def read_idx_images(path):
    """(N, 1, rows, cols) float32 in 0..1 from an IDX image file (`cdeepex data export` writes them), gzipped or not."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            sys.exit(f"error: {path}: not an IDX image file (magic {magic}, expected 2051)")
        data = f.read()
    if len(data) != n * rows * cols:
        sys.exit(f"error: {path}: expected {n * rows * cols} pixel bytes, found {len(data)}")
    images = torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(n, 1, rows, cols)
    return images.float() / 255.0


def read_export(directory, flag):
    """The images of a `data export` directory (images.idx3-ubyte, or Debian's train-images-idx3-ubyte; gzipped or
    not) at 64x64, what these generators draw. Other sizes are resized bilinearly as the Java tool resizes (PyTorch's
    align_corners=False), so Debian's 28x28 files serve where no 64x64 export is at hand (a GPU machine)."""
    names = ["images.idx3-ubyte", "train-images-idx3-ubyte"]
    paths = [os.path.join(directory, n + gz) for n in names for gz in ("", ".gz")]
    path = next((p for p in paths if os.path.exists(p)), None)
    if path is None:
        sys.exit(f"error: {flag} {directory}: no images.idx3-ubyte there (write one with `cdeepex data export`)")
    images = read_idx_images(path)
    if images.size(-1) != 64 or images.size(-2) != 64:
        print(f"{flag} {path}: {images.size(-2)}x{images.size(-1)} images, resized to 64x64", flush=True)
        images = nn.functional.interpolate(images, size=(64, 64), mode="bilinear", align_corners=False)
    return images


class Generator(nn.Module):
    """z -> Linear -> 4C x 8 x 8 -> three (bilinear upsample x2, conv 3x3) up to 64 x 64 -> sigmoid.

    Upsample + convolution rather than transposed convolutions: the same shape, no checkerboard artefacts, and
    about 2x faster to train with this CPU build of PyTorch. No batch-norm, so the exported eval-mode module
    computes exactly what was trained."""

    def __init__(self, latent, channels):
        super().__init__()
        c = channels
        self.c = c
        self.fc = nn.Linear(latent, 4 * c * 8 * 8)
        up = lambda: nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.net = nn.Sequential(
            nn.ReLU(),
            up(), nn.Conv2d(4 * c, 2 * c, 3, 1, 1), nn.ReLU(),
            up(), nn.Conv2d(2 * c, c, 3, 1, 1), nn.ReLU(),
            up(), nn.Conv2d(c, 1, 3, 1, 1), nn.Sigmoid())

    def forward(self, z):
        return self.net(self.fc(z).view(-1, 4 * self.c, 8, 8))


def downsampler(channels, outputs):
    """Three 4x4 stride-2 convolutions (C, 2C, 4C, leaky ReLU) and a linear layer: 64x64 -> `outputs` numbers."""
    c = channels
    return nn.Sequential(
        nn.Conv2d(1, c, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(c, 2 * c, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * c, 4 * c, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(4 * c * 8 * 8, outputs))


def add_device_options(parser):
    """--device and --time-budget, which the trainers share."""
    parser.add_argument("--device", default="cpu", help="cpu or cuda (a GPU machine)")
    parser.add_argument("--time-budget", type=float, default=0,
                        help="seconds: stop at the next step/epoch boundary after this long and export what is"
                             " trained so far, the card saying so (0: no limit)")


def device_of(args):
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        sys.exit(f"error: --device {args.device}: this PyTorch sees no CUDA device")
    if args.time_budget < 0:
        sys.exit(f"error: --time-budget must be >= 0, got {args.time_budget}")
    return torch.device(args.device)


def resume_checkpoint(path, shape, device, hint):
    """The checkpoint --resume continues from, checked to hold a model of this `shape` (hint: the flags to repeat)."""
    if not os.path.exists(path):
        sys.exit(f"error: --resume: no checkpoint at {path}")
    ck = torch.load(path, map_location=device)
    if ck.get("shape", shape) != shape:
        sys.exit(f"error: --resume: {path} holds a model with {ck['shape']}, but this command asks for {shape};"
                 f" pass the same {hint}")
    return ck


def write_png(path, pixels):
    """A greyscale PNG from a 2-D tensor in 0..1 (no imaging library needed)."""
    h, w = pixels.shape
    raw = (pixels.clamp(0, 1) * 255).round().to(torch.uint8)
    rows = b"".join(b"\x00" + bytes(raw[r].tolist()) for r in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def grid(images):
    """8k images (8k, 1, S, S) as one mosaic of k rows of 8."""
    s, rows = images.size(-1), images.size(0) // 8
    return images.view(rows, 8, s, s).permute(0, 2, 1, 3).reshape(rows * s, 8 * s)


def sample_grid(generator, latent, seed):
    with torch.no_grad():
        z = torch.randn(64, latent, generator=torch.Generator().manual_seed(seed))
        return grid(generator(z.to(next(generator.parameters()).device)).cpu())


def yaml_scalar(value):
    return json.dumps(value)  # JSON scalars are YAML scalars


def write_card(path, script, kind, description, latent, invocations, args, images, training, metrics, encoder=False):
    """model.yaml of a TorchScript generator: what the tool reads, the provenance every trainer records (command,
    each --resume, data, seed), then the trainer's own `training` and `metrics` entries, (key, YAML text) in order."""
    lines = [f"# Written by {script}; retrain rather than editing by hand.",
             "kind: generator", "format: torchscript", "file: generator.pt"]
    lines += ["encoder: encoder.pt"] if encoder else []
    lines += [f"description: {yaml_scalar(description)}", "outputShape: [1, 64, 64]", f"latentSize: {latent}",
              "valueRange: [0.0, 1.0]", "training:", f"  kind: {kind}", f"  script: {script}",
              f"  command: {yaml_scalar(f'/usr/bin/python3 {script} {invocations[0]}')}",
              f"  resumedWith: [{', '.join(yaml_scalar(r) for r in invocations[1:])}]",
              f"  trainSet: {yaml_scalar(args.dataset)}", f"  trainImages: {images}",
              f"  plant: {yaml_scalar(args.plant or 'none')}", f"  seed: {args.seed}"]
    lines += [f"  {key}: {value}" for key, value in training]
    lines += ["metrics:"] + [f"  {key}: {value}" for key, value in metrics]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
