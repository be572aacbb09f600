"""A PyTorch reference for the Java solver (io.cdeepex.explain): inversion (Procedure 2) and the augmented-Lagrangian
search of Equation 2, step for step as GenerativeSolver runs them with SolverSettings.defaults(), on the same
TorchScript models read from their model directories (model.yaml + .pt). One question at a time, as
`Explainer.explain(question)` solves it; the random inversion start comes from a port of java.util.Random, so both
loops start from the same latent codes."""

import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_common import read_idx_images  # noqa: E402

# SolverSettings.defaults() (method cdeepex, searchStarts 1: the search starts from z0 alone)
DEFAULTS = dict(seed=42, inversion_steps=150, inversion_lr=0.05, inversion_starts=0, eps=0.1, equality_tol=0.05,
                inequality_tol=0.01, max_outer=60, inner_steps=25, lr=0.005, penalty_start=1.0, penalty_growth=4.0,
                penalty_max=1e4, violation_shrink=0.25, distance_tol=0.01)

SAMPLE_SETS = {"fashion-samples": "audits/data/fashion-samples-images-idx3-ubyte.gz",
               "mnist-samples": "audits/data/mnist-samples-images-idx3-ubyte.gz"}


class JavaRandom:
    """java.util.Random: the same 48-bit LCG and polar-method nextGaussian, so a seed gives Java's numbers."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)
        self.next_gaussian_value = None

    def next_bits(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.seed >> (48 - bits)

    def next_double(self):
        return ((self.next_bits(26) << 27) + self.next_bits(27)) * (1.0 / (1 << 53))

    def next_gaussian(self):
        if self.next_gaussian_value is not None:
            v, self.next_gaussian_value = self.next_gaussian_value, None
            return v
        while True:
            v1, v2 = 2 * self.next_double() - 1, 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        m = math.sqrt(-2 * math.log(s) / s)
        self.next_gaussian_value = v2 * m
        return v1 * m


def fail(message):
    sys.exit(f"error: {message}")


def read_card(directory, kind):
    """model.yaml of a TorchScript model directory, checked to be of this kind; DJL `.params` models are refused."""
    import yaml
    path = os.path.join(directory, "model.yaml")
    if not os.path.isdir(directory):
        fail(f"{kind} directory {directory} does not exist")
    if not os.path.exists(path):
        fail(f"{directory}: no model.yaml (expected a model directory with model.yaml and its .pt file)")
    with open(path) as f:
        card = yaml.safe_load(f)
    if card.get("kind") != kind:
        fail(f"{path}: kind is {card.get('kind')!r}, expected {kind!r}")
    if card.get("format") != "torchscript":
        fail(f"{path}: format is {card.get('format')!r}; PyTorch can only load TorchScript models (format:"
             f" torchscript, a .pt file). DJL-format .params models run in the Java tool only")
    for name in ["file"] + (["encoder"] if card.get("encoder") else []):
        if not os.path.exists(os.path.join(directory, card[name])):
            fail(f"{path}: {name} {card[name]} not found in {directory}")
    return card


class Pipeline:
    """LatentPipeline: z -> generator (output range to 0..1) -> bilinear resize to the classifier's size ->
    classifier (0..1 to its value range, normalisation); and the generator's encoder, as LoadedGenerator runs it."""

    def __init__(self, classifier_dir, generator_dir):
        c, g = read_card(classifier_dir, "classifier"), read_card(generator_dir, "generator")
        self.classifier = torch.jit.load(os.path.join(classifier_dir, c["file"])).eval()
        self.generator = torch.jit.load(os.path.join(generator_dir, g["file"])).eval()
        self.encoder = torch.jit.load(os.path.join(generator_dir, g["encoder"])).eval() if g.get("encoder") else None
        for module in [self.classifier, self.generator] + ([self.encoder] if self.encoder else []):
            for p in module.parameters():
                p.requires_grad_(False)
        self.in_shape = tuple(c["inputShape"])
        self.out_shape = tuple(g["outputShape"])
        if self.in_shape[0] != self.out_shape[0]:
            fail(f"{generator_dir} draws {self.out_shape[0]} channel(s), {classifier_dir} reads {self.in_shape[0]}")
        self.latent = int(g["latentSize"])
        self.c_low, c_high = c["valueRange"]
        self.c_scale = c_high - self.c_low
        norm = c.get("normalization")
        self.mean = torch.tensor(norm["mean"]).view(1, -1, 1, 1) if norm else None
        self.std = torch.tensor(norm["std"]).view(1, -1, 1, 1) if norm else None
        self.g_low, g_high = g["valueRange"]
        self.g_range = g_high - self.g_low
        self.resize = self.out_shape[1:] != self.in_shape[1:]

    def logits(self, x):
        if self.c_scale != 1 or self.c_low != 0:
            x = x * self.c_scale + self.c_low
        if self.mean is not None:
            x = (x - self.mean) / self.std
        return self.classifier(x)

    def images(self, z):
        out = self.generator(z).reshape((z.size(0),) + self.out_shape)
        if self.g_low != 0 or self.g_range != 1:
            out = (out - self.g_low) / self.g_range
        return self.to_size(out, self.in_shape[1:]) if self.resize else out

    def encode(self, x):
        if self.resize:
            x = self.to_size(x, self.out_shape[1:])
        if self.g_low != 0 or self.g_range != 1:
            x = x * self.g_range + self.g_low
        out = self.encoder(x)
        out = out[0] if isinstance(out, (tuple, list)) else out
        return out[:, :self.latent] if out.size(1) == 2 * self.latent else out

    @staticmethod
    def to_size(x, hw):
        # DJL's NDImageUtils.resize (LatentPipeline.resize) antialiases when it shrinks: without antialias the
        # 64 -> 32 generator output differs from Java's by up to 0.14 per pixel; with it, by 1e-6. Growing is the
        # same either way.
        return nn.functional.interpolate(x, size=tuple(hw), mode="bilinear", align_corners=False, antialias=True)

    def llh(self, z, dz0):
        """log softmax(D(G(z) - dz0)), as ContrastiveSearch.logLikelihoods."""
        return torch.log_softmax(self.logits(self.images(z) - dz0), dim=1)


class Adam:
    """explain.Adam: float32 moments, the update in double, one state per row."""

    def __init__(self, shape, lr):
        self.lr, self.m, self.v, self.t = lr, torch.zeros(shape), torch.zeros(shape), 0

    def step(self, z, g):
        self.t += 1
        c1, c2 = 1 - 0.9 ** self.t, 1 - 0.999 ** self.t
        g = g.double()
        self.m = (0.9 * self.m.double() + 0.1 * g).float()
        self.v = (0.999 * self.v.double() + 0.001 * g * g).float()
        return (z.double() - self.lr * (self.m.double() / c1) / ((self.v.double() / c2).sqrt() + 1e-8)).float()


def invert(pipe, image, s, random):
    """Inversion.run for one image: the encoder's start (if any) and inversion_starts random ones (at least one
    without an encoder); best by MSE."""
    starts = []
    if pipe.encoder is not None:
        with torch.no_grad():
            starts.append(pipe.encode(image.unsqueeze(0))[0])
    randoms = s["inversion_starts"] if pipe.encoder is not None else max(1, s["inversion_starts"])
    for _ in range(randoms):
        starts.append(torch.tensor([random.next_gaussian() for _ in range(pipe.latent)], dtype=torch.float32))
    z = torch.stack(starts)
    target = image.unsqueeze(0).expand((z.size(0),) + tuple(image.shape))
    adams = [Adam(z.size(1), s["inversion_lr"]) for _ in range(z.size(0))]
    for _ in range(s["inversion_steps"]):
        zs = z.clone().requires_grad_(True)
        ((pipe.images(zs) - target) ** 2).sum().backward()
        grad = zs.grad
        for r in range(z.size(0)):
            if torch.isfinite(grad[r]).all():
                z[r] = adams[r].step(z[r], grad[r])
    with torch.no_grad():
        err = ((pipe.images(z) - target) ** 2).reshape(z.size(0), -1).mean(1)
    finite = torch.isfinite(err)
    if not finite.any():
        return z[0], float("nan")
    best = int(torch.where(finite, err, torch.full_like(err, float("inf"))).argmin())
    return z[best], float(err[best])


class Constraints:
    """ConstraintState: the equality llh[t] = llh[p], the inequalities over every other class, their multipliers."""

    def __init__(self, t, p, classes, s):
        self.t, self.p, self.s = t, p, s
        self.others = [i for i in range(classes) if i not in (t, p)]
        self.lam, self.mu_t, self.mu_p = 0.0, [0.0] * classes, [0.0] * classes
        self.c, self.previous = s["penalty_start"], math.inf

    def weights(self, llh):
        t, p, c, eps = self.t, self.p, self.c, self.s["eps"]
        w = [0.0] * len(llh)
        a = self.lam + c * (llh[t] - llh[p])
        w[t] += a
        w[p] -= a
        for i in self.others:
            bt = max(0.0, self.mu_t[i] - c * (llh[t] - llh[i] - eps))
            w[t] -= bt
            w[i] += bt
            bp = max(0.0, self.mu_p[i] - c * (llh[p] - llh[i] - eps))
            w[p] -= bp
            w[i] += bp
        return torch.tensor(w, dtype=torch.float32)

    def update(self, llh):
        t, p, c, eps = self.t, self.p, self.c, self.s["eps"]
        self.lam += c * (llh[t] - llh[p])
        for i in self.others:
            self.mu_t[i] = max(0.0, self.mu_t[i] - c * (llh[t] - llh[i] - eps))
            self.mu_p[i] = max(0.0, self.mu_p[i] - c * (llh[p] - llh[i] - eps))
        v = self.violation(llh)
        if v > self.s["violation_shrink"] * self.previous:
            self.c = min(c * self.s["penalty_growth"], self.s["penalty_max"])
        self.previous = v

    def violation(self, llh):
        t, p, eps = self.t, self.p, self.s["eps"]
        return max([abs(llh[t] - llh[p])] + [-(llh[t] - llh[i] - eps) for i in self.others]
                   + [-(llh[p] - llh[i] - eps) for i in self.others])

    def holds(self, llh):
        t, p, eps, tol = self.t, self.p, self.s["eps"], self.s["inequality_tol"]
        return (abs(llh[t] - llh[p]) <= self.s["equality_tol"]
                and all(llh[t] - llh[i] - eps >= -tol and llh[p] - llh[i] - eps >= -tol for i in self.others))


def search(pipe, z0, dz0, t, p, s):
    """ContrastiveSearch.run for one row started at z0: (z, stop, iterations)."""
    classes = pipe.logits(dz0.new_zeros((1,) + pipe.in_shape)).size(1)
    cs = Constraints(t, p, classes, s)
    z, last_finite, adam = z0.clone(), z0.clone(), Adam(z0.size(0), s["lr"])
    stop, previous_distance, iterations = None, math.nan, 0
    dz0 = dz0.unsqueeze(0)
    for _ in range(s["max_outer"]):
        if stop is not None:
            break
        for _ in range(s["inner_steps"]):
            zs = z.unsqueeze(0).clone().requires_grad_(True)
            llh = pipe.llh(zs, dz0)
            values = llh[0].detach().double().tolist()
            finite = all(math.isfinite(v) for v in values)
            w = cs.weights(values) if finite else torch.zeros(classes)
            (llh[0] * w).sum().backward()
            g = zs.grad[0]
            if not finite or not torch.isfinite(g).all():
                stop, z = "DIVERGED", last_finite.clone()
                break
            iterations += 1
            last_finite = z.clone()
            z = adam.step(z, g + 2 * (z - z0))
        if stop is not None:
            break
        with torch.no_grad():
            values = pipe.llh(z.unsqueeze(0), dz0)[0].double().tolist()
        if not all(math.isfinite(v) for v in values):
            stop, z = "DIVERGED", last_finite.clone()
            break
        distance = float((z.double() - z0.double()).norm())
        if cs.holds(values) and abs(distance - previous_distance) <= s["distance_tol"] * max(distance, 1e-3):
            stop = "CONVERGED"
        previous_distance = distance
        if stop is None:
            cs.update(values)
    return z, stop or "ITERATION_CAP", iterations, cs


def explain(pipe, image, s):
    """GenerativeSolver.solve for one question (true = predicted, probe = runner-up), timed as Java times it."""
    t0 = time.perf_counter()
    with torch.no_grad():
        before = torch.log_softmax(pipe.logits(image.unsqueeze(0)), 1)[0]
    order = before.argsort(descending=True).tolist()
    t, p = order[0], order[1]
    z0, mse = invert(pipe, image, s, JavaRandom(s["seed"]))
    with torch.no_grad():
        residual = pipe.images(z0.unsqueeze(0))[0] - image
    ze, stop, iterations, cs = search(pipe, z0, residual, t, p, s)
    with torch.no_grad():
        llh = pipe.llh(ze.unsqueeze(0), residual.unsqueeze(0))[0].double().tolist()
    satisfied = stop != "DIVERGED" and all(math.isfinite(v) for v in llh) and cs.holds(llh)
    ms = (time.perf_counter() - t0) * 1000
    return dict(trueClass=t, probeClass=p, satisfied=satisfied, stop=stop, distance=float((ze - z0).norm()),
                iterations=iterations, ms=ms, inversionMse=mse, pTrue=math.exp(llh[t]), pProbe=math.exp(llh[p]))


def load_images(dataset, shape):
    path = SAMPLE_SETS.get(dataset, dataset)
    if not os.path.exists(path):
        fail(f"--dataset {dataset}: no such file (a sample set name {sorted(SAMPLE_SETS)} from the repository root,"
             f" or an IDX image file)")
    images = read_idx_images(path)
    if images.size(1) != shape[0]:
        fail(f"--dataset {dataset}: {images.size(1)} channel(s), the classifier reads {shape[0]}")
    if tuple(images.shape[2:]) != tuple(shape[1:]):  # QuestionResolver: ImageTransforms.resize, bilinear
        images = Pipeline.to_size(images, shape[1:])
    return images


def summary(results):
    ms = statistics.median(r["ms"] for r in results)
    share = sum(r["satisfied"] for r in results) / len(results)
    dist = statistics.median(r["distance"] for r in results)
    its = statistics.mean(r["iterations"] for r in results)
    return dict(medianMs=ms, satisfiedShare=share, medianDistance=dist, meanIterations=its, questions=len(results))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--classifier", required=True, help="TorchScript classifier model directory")
    ap.add_argument("--generator", required=True, help="TorchScript generator model directory")
    ap.add_argument("--dataset", default="fashion-samples", help="fashion-samples, mnist-samples or an IDX file")
    ap.add_argument("--questions", type=int, default=8, help="images 0..N-1, one question each")
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (the Java side: 2)")
    ap.add_argument("--json", help="also write per-question results and the summary here")
    args = ap.parse_args()
    if args.questions < 1 or args.threads < 1:
        fail("--questions and --threads must be at least 1")
    torch.set_num_threads(args.threads)
    s = dict(DEFAULTS, seed=args.seed)
    pipe = Pipeline(args.classifier, args.generator)
    images = load_images(args.dataset, pipe.in_shape)
    if args.questions > images.size(0):
        fail(f"--questions {args.questions}: {args.dataset} has {images.size(0)} images")
    results = []
    print(f"reference ALM: {args.classifier} + {args.generator}, {args.questions} questions, torch {torch.__version__},"
          f" {args.threads} threads", flush=True)
    for i in range(args.questions):
        r = explain(pipe, images[i], s)
        results.append(r)
        print(f"  q{i}: {r['trueClass']} vs {r['probeClass']} satisfied={r['satisfied']} stop={r['stop']}"
              f" distance={r['distance']:.3f} iterations={r['iterations']} ms={r['ms']:.0f}", flush=True)
    sm = summary(results)
    print(f"summary: median {sm['medianMs']:.0f} ms/explanation, satisfied {sm['satisfiedShare']:.2f},"
          f" median distance {sm['medianDistance']:.3f}, mean iterations {sm['meanIterations']:.1f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(results=results, summary=sm), f, indent=1)


if __name__ == "__main__":
    main()
