#!/usr/bin/python3
"""Train VGG16 or ResNet101 on Fashion-MNIST (or MNIST) in PyTorch and export a TorchScript classifier directory.

The same networks as the Java `train classifier --arch vgg16|resnet101` (io.cdeepex.model.Vgg16 / ResNet101): VGG16
configuration D with batch-norm, 13 convolutions and 3 fully connected layers; ResNet101 with a 3x3 stem and [3, 4,
23, 3] bottleneck blocks; every channel count times --width (max(1, round(c * width))), input 1x32x32 in 0..1. The
Java trainer takes about an hour per few epochs on our 2-core CPU; this script is for a GPU (or a patient CPU), and
its output is what our users bring: a TorchScript file and a card.

  /usr/bin/python3 tools/train_classifier.py --arch vgg16 --width 0.125 --data DIR --test-data DIR \\
       --epochs 40 --out models/fashion-vgg16 --device cuda --dataset fashion-mnist

--data / --test-data: a `cdeepex data export` directory, or any directory holding an IDX image/label pair
(`images.idx3-ubyte` + `labels.idx1-ubyte`, or Debian's `train-images-idx3-ubyte` + `train-labels-idx1-ubyte`,
gzipped or not). Images are taken at their native size and resized bilinearly to 32x32 exactly as the Java tool
resizes (PyTorch's align_corners=False), after augmentation: a random shift of +-2 px at native size (zero fill,
the Java trainer's --shift 2) and, with --flip, a random left-right mirror.

Training: SGD with Nesterov momentum 0.9, weight decay 5e-4, batch 128, a one-epoch linear warm-up then a cosine
decay to zero over --epochs. --time-budget S: after the first epoch, fewer epochs are planned if the requested
number would not fit in S seconds (the card then records the epochs actually planned, so the run can be repeated
with --epochs). A checkpoint after every epoch; --resume continues an interrupted run.

Writes classifier.pt (torch.jit.script of the eval-mode network), model.yaml (card: command, seed, epochs, wall
time, test accuracy and per-class recall on every test image) and checkpoint.pt (not needed to load the model).
"""

import argparse
import gzip
import math
import os
import struct
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

from torch_common import device_of, resume_checkpoint, yaml_scalar

FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
DIGITS = [str(d) for d in range(10)]
VGG16_D = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0]  # 0 = 2x2 max-pool
SIZE = 32


def scaled(c, width):
    return max(1, int(math.floor(c * width + 0.5)))  # Java's Math.round for positive numbers


def conv_bn(cin, cout, k, stride):
    """Convolution without bias ("same" padding) + batch-norm, as io.cdeepex.model.ConvLayers."""
    return [nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout)]


def vgg16(width, classes):
    layers, cin = [], 1
    for c in VGG16_D:
        if c == 0:
            layers.append(nn.MaxPool2d(2))
        else:
            layers += conv_bn(cin, scaled(c, width), 3, 1) + [nn.ReLU()]
            cin = scaled(c, width)
    hidden = scaled(512, width)
    layers += [nn.Flatten(), nn.Linear(cin, hidden), nn.ReLU(), nn.Dropout(0.5), nn.Linear(hidden, hidden), nn.ReLU(),
               nn.Dropout(0.5), nn.Linear(hidden, classes)]
    return nn.Sequential(*layers)


class Bottleneck(nn.Module):
    """relu(F(x) + shortcut(x)); F = 1x1, 3x3 (stride), 1x1 (4x); shortcut a strided 1x1 + BN where shapes change."""

    def __init__(self, cin, width, stride):
        super().__init__()
        out = 4 * width
        self.residual = nn.Sequential(*conv_bn(cin, width, 1, 1), nn.ReLU(), *conv_bn(width, width, 3, stride),
                                      nn.ReLU(), *conv_bn(width, out, 1, 1))
        self.shortcut = nn.Sequential(*conv_bn(cin, out, 1, stride)) if stride != 1 or cin != out else nn.Identity()

    def forward(self, x):
        return F.relu(self.residual(x) + self.shortcut(x))


def resnet101(width, classes):
    c = scaled(64, width)
    layers = conv_bn(1, c, 3, 1) + [nn.ReLU()]
    for blocks, base, stride in zip([3, 4, 23, 3], [64, 128, 256, 512], [1, 2, 2, 2]):
        for b in range(blocks):
            layers.append(Bottleneck(c, scaled(base, width), stride if b == 0 else 1))
            c = 4 * scaled(base, width)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, classes)]
    return nn.Sequential(*layers)


ARCHITECTURES = {"vgg16": vgg16, "resnet101": resnet101}


def weight_layers(net):
    """Convolutions and linear layers, shortcut projections left out (as the 101 in ResNet101 counts)."""
    count = 0
    for name, m in net.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)) and ".shortcut." not in name:
            count += 1
    return count


def find_idx(directory, kind, flag, debian_prefix):
    """The export's name, else Debian's (`train-` for the training set, `t10k-` for the test set)."""
    dims = 3 if kind == "images" else 1
    names = [f"{kind}.idx{dims}-ubyte", f"{debian_prefix}-{kind}-idx{dims}-ubyte"]
    for name in names:
        for suffix in ("", ".gz"):
            path = os.path.join(directory, name + suffix)
            if os.path.exists(path):
                return path
    sys.exit(f"error: {flag} {directory}: no IDX {kind} file there (expected one of {', '.join(names)}, "
             f"optionally .gz; write one with `cdeepex data export`)")


def read_idx(path, magic_expected, dims):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic != magic_expected:
        sys.exit(f"error: {path}: not an IDX file of this kind (magic {magic}, expected {magic_expected})")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    body = data[4 + 4 * dims:]
    if len(body) != math.prod(shape):
        sys.exit(f"error: {path}: expected {math.prod(shape)} bytes after the header, found {len(body)}")
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(shape)


def read_set(directory, flag, debian_prefix):
    images = read_idx(find_idx(directory, "images", flag, debian_prefix), 2051, 3)
    labels = read_idx(find_idx(directory, "labels", flag, debian_prefix), 2049, 1).long()
    if images.size(0) != labels.size(0):
        sys.exit(f"error: {flag} {directory}: {images.size(0)} images but {labels.size(0)} labels")
    return images.unsqueeze(1).float() / 255.0, labels


def to_input(x):
    return x if x.size(-1) == SIZE and x.size(-2) == SIZE else F.interpolate(
        x, size=(SIZE, SIZE), mode="bilinear", align_corners=False)


def augment(x, shift, flip, gen):
    """Random shift of +-shift px (zero fill) and optional mirror, at native size, batched on x's device."""
    n, _, h, w = x.shape
    if shift > 0:
        padded = F.pad(x, (shift, shift, shift, shift))
        dy = torch.randint(0, 2 * shift + 1, (n,), generator=gen, device="cpu").to(x.device)
        dx = torch.randint(0, 2 * shift + 1, (n,), generator=gen, device="cpu").to(x.device)
        rows = (dy.view(n, 1) + torch.arange(h, device=x.device).view(1, h))  # (n, h)
        cols = (dx.view(n, 1) + torch.arange(w, device=x.device).view(1, w))  # (n, w)
        idx = torch.arange(n, device=x.device).view(n, 1, 1)
        x = padded[idx, 0, rows.view(n, h, 1), cols.view(n, 1, w)].unsqueeze(1)
    if flip:
        mirror = (torch.rand(n, generator=gen, device="cpu") < 0.5).to(x.device)
        x = torch.where(mirror.view(n, 1, 1, 1), x.flip(-1), x)
    return x


def evaluate(net, images, labels, classes, device):
    net.eval()
    correct = torch.zeros(classes, dtype=torch.long)
    total = torch.bincount(labels, minlength=classes)
    with torch.no_grad():
        for i in range(0, images.size(0), 1000):
            pred = net(to_input(images[i:i + 1000].to(device))).argmax(1).cpu()
            y = labels[i:i + 1000]
            correct += torch.bincount(y[pred == y], minlength=classes)
    net.train()
    return correct.sum().item() / labels.size(0), (correct.float() / total.clamp(min=1).float()).tolist()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--arch", required=True, choices=sorted(ARCHITECTURES))
    p.add_argument("--width", type=float, default=1.0,
                   help="channel multiplier (the Java cards' architectureOptions.width)")
    p.add_argument("--data", required=True, help="training set: IDX image/label pair directory")
    p.add_argument("--test-data", required=True, help="test set: accuracy after every epoch and on the card")
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1, help="peak SGD learning rate")
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--shift", type=int, default=2, help="random shift in pixels at native size (0: none)")
    p.add_argument("--flip", action="store_true", help="random left-right mirror")
    p.add_argument("--time-budget", type=float, default=0, help="seconds; plan fewer epochs if needed (0: no limit)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--classes", default="fashion", choices=["fashion", "digits"], help="class names on the card")
    p.add_argument("--generator", default=None, help="the card's default generator (a models/ name)")
    p.add_argument("--dataset", default="unknown", help="name of the training set, for the card")
    p.add_argument("--test-dataset", default="unknown", help="name of the test set, for the card")
    p.add_argument("--resume", action="store_true")
    a = p.parse_args()
    for name in ("epochs", "batch", "threads"):
        if getattr(a, name) < 1:
            sys.exit(f"error: --{name} must be >= 1, got {getattr(a, name)}")
    if not (a.width > 0 and a.lr > 0 and a.shift >= 0 and a.weight_decay >= 0 and a.time_budget >= 0):
        sys.exit("error: --width and --lr must be > 0; --shift, --weight-decay and --time-budget >= 0")
    dev = device_of(a)

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    torch.backends.cudnn.benchmark = True
    names = FASHION if a.classes == "fashion" else DIGITS
    images, labels = read_set(a.data, "--data", "train")
    test_images, test_labels = read_set(a.test_data, "--test-data", "t10k")
    if int(labels.max()) >= len(names) or int(test_labels.max()) >= len(names):
        sys.exit(f"error: labels go beyond the {len(names)} classes of --classes {a.classes}")
    net = ARCHITECTURES[a.arch](a.width, len(names)).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=0.9, nesterov=True, weight_decay=a.weight_decay)
    gen = torch.Generator().manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    ckpt_path = os.path.join(a.out, "checkpoint.pt")
    epoch, elapsed, planned, history = 0, 0.0, a.epochs, []
    invocations = [" ".join(sys.argv[1:])]
    shape = {"arch": a.arch, "width": a.width}
    if a.resume:
        ck = resume_checkpoint(ckpt_path, shape, dev, "--arch and --width")
        net.load_state_dict(ck["net"]); opt.load_state_dict(ck["opt"]); gen.set_state(ck["gen"])
        epoch, elapsed, history = ck["epoch"], ck["elapsed"], ck["history"]
        # the same --epochs continues the plan (which a time budget may have shortened); another number replaces it
        planned = ck["planned"] if a.epochs == ck["requested"] else a.epochs
        invocations = ck["invocations"] + invocations
        print(f"resumed after epoch {epoch} of {planned} ({elapsed:.0f} s so far)", flush=True)
    images_dev, labels_dev = images.to(dev), labels.to(dev)
    n = images.size(0)
    batches = n // a.batch  # drop the ragged last batch: batch-norm statistics of a handful of images are noise
    print(f"{a.arch} width {a.width} ({weight_layers(net)} weight layers, "
          f"{sum(t.numel() for t in net.parameters())} parameters) on {n} images from {a.data}, "
          f"{planned} epochs x {batches} batches of {a.batch}, device {dev}", flush=True)
    start = time.time() - elapsed
    net.train()
    loss = None  # stays None when --resume asks for no more epochs than the checkpoint has: export only
    while epoch < planned:
        order = torch.randperm(n, generator=gen).to(dev)
        t0 = time.time()
        for b in range(batches):
            step = epoch * batches + b
            warm = batches
            lr = a.lr * (step + 1) / warm if step < warm else \
                a.lr * 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, planned * batches - warm)))
            for group in opt.param_groups:
                group["lr"] = lr
            idx = order[b * a.batch:(b + 1) * a.batch]
            x = to_input(augment(images_dev[idx], a.shift, a.flip, gen))
            loss = F.cross_entropy(net(x), labels_dev[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        epoch += 1
        accuracy, _ = evaluate(net, test_images, test_labels, len(names), dev)
        seconds = time.time() - t0
        history.append(round(accuracy, 4))
        if epoch == 1 and a.time_budget > 0 and planned * seconds > a.time_budget:
            planned = max(1, int(a.time_budget // seconds))
            print(f"time budget {a.time_budget:.0f} s: {planned} epochs planned instead of {a.epochs}", flush=True)
        print(f"epoch {epoch}/{planned}: loss {loss.item():.4f}, test accuracy {accuracy:.4f}, {seconds:.1f} s "
              f"(eta {(planned - epoch) * seconds:.0f} s)", flush=True)
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "gen": gen.get_state(), "epoch": epoch,
                    "elapsed": time.time() - start, "planned": planned, "requested": a.epochs, "history": history,
                    "invocations": invocations, "shape": shape}, ckpt_path)
    wall = time.time() - start

    accuracy, recall = evaluate(net, test_images, test_labels, len(names), dev)
    cpu = net.to("cpu").eval()
    torch.jit.script(cpu).save(os.path.join(a.out, "classifier.pt"))
    write_card(a, names, invocations, n, planned, wall, None if loss is None else loss.item(), history, accuracy,
               recall, test_labels.size(0), cpu)
    print(f"wrote {a.out}: test accuracy {accuracy:.4f} ({wall:.0f} s)", flush=True)


def write_card(a, names, invocations, n, epochs, wall, final_loss, history, accuracy, recall, test_n, net):
    q = yaml_scalar
    lines = ["# Written by tools/train_classifier.py; retrain rather than editing by hand.",
             "kind: classifier", "format: torchscript", "file: classifier.pt",
             f"description: {q(f'{a.arch} (width {a.width}) trained with PyTorch on {a.dataset}')}",
             f"inputShape: [1, {SIZE}, {SIZE}]", "valueRange: [0.0, 1.0]",
             f"classNames: [{', '.join(q(c) for c in names)}]"]
    lines += [f"generator: {a.generator}"] if a.generator else []
    augmentation = (f"shift +-{a.shift} px" + (", left-right mirror" if a.flip else "")
                    + " (random, at native size, before resize)")
    lines += ["training:", "  script: tools/train_classifier.py", f"  architecture: {a.arch}", f"  width: {a.width}",
              f"  weightLayers: {weight_layers(net)}",
              f"  command: {q('/usr/bin/python3 tools/train_classifier.py ' + invocations[0])}",
              f"  resumedWith: [{', '.join(q(r) for r in invocations[1:])}]",
              f"  dataset: {'fashion-mnist' if a.classes == 'fashion' else 'mnist'}", f"  trainSet: {q(a.dataset)}",
              f"  trainImages: {n}", f"  seed: {a.seed}", f"  epochs: {epochs}",
              f"  batch: {a.batch}", f"  lr: {a.lr}", "  lrSchedule: \"linear warm-up 1 epoch, cosine to 0\"",
              f"  optimizer: \"sgd (nesterov momentum 0.9, weight decay {a.weight_decay})\"",
              "  loss: softmax cross-entropy",
              f"  augmentation: {q(augmentation)}",
              f"  device: {q(a.device)}", f"  torch: {q(torch.__version__)}", f"  wallSeconds: {wall:.0f}",
              f"  finalLoss: {'null' if final_loss is None else round(final_loss, 4)}",
              f"  testAccuracyPerEpoch: [{', '.join(str(h) for h in history)}]",
              "metrics:", f"  testSet: {q(a.test_dataset)}", f"  testImages: {test_n}",
              f"  testAccuracy: {round(accuracy, 4)}", f"  parameters: {sum(t.numel() for t in net.parameters())}",
              "  perClassRecall:"]
    lines += [f"    {q(c)}: {round(r, 3)}" for c, r in zip(names, recall)]
    with open(os.path.join(a.out, "model.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
