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


def add_mixing_options(parser):
    """--mix-prob, --mix-box, --mix-boxes, --cutout: the same-position patch mixing the generator trainers share."""
    parser.add_argument("--mix-prob", type=float, default=0.0,
                        help="probability that a training image gets patches from other images of its batch, each"
                             " copied into the same place (0: no mixing)")
    parser.add_argument("--mix-box", default="4,16",
                        help="MIN,MAX: side lengths of a mixed box in pixels of the 64x64 training grid (width and"
                             " height drawn independently, uniformly in MIN..MAX)")
    parser.add_argument("--mix-boxes", type=int, default=1, help="boxes per mixed image, each from its own donor")
    parser.add_argument("--cutout", action="store_true",
                        help="fill the boxes with 0 (black) instead of another image's pixels")


class PatchMixing:
    """Same-position patch mixing: with probability `prob` an image of the batch gets `boxes` random boxes, each
    copied from another image of the same batch at the same place (or blanked, `cutout`). A generator trained to
    reproduce the mixed images must draw a local feature without the rest of the image it came from, so the
    nearest latent point that adds a feature need not redraw the shape around it; no feature is named."""

    def __init__(self, prob, box_min, box_max, boxes, cutout):
        self.prob, self.box_min, self.box_max, self.boxes, self.cutout = prob, box_min, box_max, boxes, cutout

    @staticmethod
    def from_args(args, size=64):
        try:
            box_min, box_max = (int(v) for v in args.mix_box.split(","))
        except ValueError:
            sys.exit(f"error: --mix-box expects MIN,MAX (two whole numbers of pixels), got {args.mix_box!r}")
        if not 0 <= args.mix_prob <= 1:
            sys.exit(f"error: --mix-prob must be in 0..1, got {args.mix_prob}")
        if not 1 <= box_min <= box_max <= size:
            sys.exit(f"error: --mix-box needs 1 <= MIN <= MAX <= {size} (the training grid), got {args.mix_box}")
        if args.mix_boxes < 1:
            sys.exit(f"error: --mix-boxes must be >= 1, got {args.mix_boxes}")
        if args.cutout and args.mix_prob == 0:
            sys.exit("error: --cutout needs --mix-prob above 0 (the share of images that get boxes)")
        return PatchMixing(args.mix_prob, box_min, box_max, args.mix_boxes, args.cutout)

    def active(self):
        return self.prob > 0

    def describe(self):
        """The card's `mixing` entry (a YAML string), or "none"."""
        if not self.active():
            return yaml_scalar("none")
        source = "blanked to 0 (cut-out)" if self.cutout else "each from another image of the batch, same place"
        return yaml_scalar(f"same-position patch mixing: p={self.prob}, {self.boxes} box(es) per mixed image,"
                           f" sides {self.box_min}..{self.box_max} px on the 64x64 grid, {source}")

    def __call__(self, x, generator=None):
        """The mixed batch (a new tensor; `x` is unchanged). `generator`: a torch.Generator for reproducible draws."""
        if not self.active() or x.size(0) < (1 if self.cutout else 2):
            return x
        n, h, w, dev = x.size(0), x.size(-2), x.size(-1), x.device
        draw = lambda *shape: torch.rand(*shape, generator=generator).to(dev)
        chosen = draw(n) < self.prob
        rows = torch.arange(h, device=dev).view(1, h, 1)
        cols = torch.arange(w, device=dev).view(1, 1, w)
        out = x.clone()
        span = self.box_max - self.box_min + 1
        for _ in range(self.boxes):
            bh = self.box_min + (draw(n) * span).long().clamp(max=span - 1)
            bw = self.box_min + (draw(n) * span).long().clamp(max=span - 1)
            top = (draw(n) * (h - bh + 1)).long()
            left = (draw(n) * (w - bw + 1)).long()
            inside = ((rows >= top.view(-1, 1, 1)) & (rows < (top + bh).view(-1, 1, 1))
                      & (cols >= left.view(-1, 1, 1)) & (cols < (left + bw).view(-1, 1, 1)))
            inside = (inside & chosen.view(-1, 1, 1)).unsqueeze(1)
            if self.cutout:
                donor = torch.zeros_like(x)
            else:  # another image: shift each index by 1..n-1 so that no image is its own donor
                shift = 1 + (draw(n) * (n - 1)).long().clamp(max=n - 2)
                donor = x[(torch.arange(n, device=dev) + shift) % n]
            out = torch.where(inside, donor, out)
        return out


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
