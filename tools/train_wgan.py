#!/usr/bin/python3
"""Train a WGAN-GP generator in PyTorch and export it as a TorchScript model directory our tool loads.

The paper's generators are WGANs. Our Java trainer (`train generator --kind wgan`) is too slow on a CPU to train
one, so this script trains it with PyTorch on the classifier's own training data, exported by the tool itself:

  java -jar target/cdeepex.jar data export --dataset mnist-train \
       --plant square:class=8,x=0,y=0,size=6,value=0.5 --out /tmp/biased-train
  /usr/bin/python3 tools/train_wgan.py --data /tmp/biased-train --latent 64 --steps 4000 \
       --out models/mnist-wgan-biased8 --dataset mnist-train --plant square:class=8,x=0,y=0,size=6,value=0.5

It writes generator.pt (TorchScript, (N, latent) -> (N, 1, S, S) in 0..1), model.yaml (the card, with the
command, seed, steps and wall time) and samples.png (an 8x8 grid of G(z) for a look). Progress is printed every
--progress steps; a checkpoint (checkpoint.pt, not needed to load the model) is written every --checkpoint steps
and at the end: --resume continues an interrupted run, and --resume with a larger --steps trains a finished one on.

WGAN-GP (Gulrajani et al. 2017) rather than the original weight clipping: the same Wasserstein objective, but it
trains in the few thousand generator steps a CPU affords. No batch-norm in the generator, so the exported eval-mode
module computes exactly what was trained.
"""

import argparse
import os
import sys
import time

import torch
from torch import nn

from torch_common import (Generator, PatchMixing, add_device_options, add_mixing_options, device_of, downsampler,
                          read_export, resume_checkpoint, sample_grid, write_card, write_png, yaml_scalar)


class Critic(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.net = downsampler(channels, 1)

    def forward(self, x):
        return self.net(x)


def gradient_penalty(critic, real, fake):
    alpha = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    grad, = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="directory from `cdeepex data export` (images.idx3-ubyte)")
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--latent", type=int, default=64)
    p.add_argument("--channels", type=int, default=16, help="base channel count C (generator 4C/2C/C, critic C/2C/4C)")
    p.add_argument("--steps", type=int, default=4000, help="generator steps")
    p.add_argument("--critic-steps", type=int, default=5)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--gp", type=float, default=10.0, help="gradient-penalty weight")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--progress", type=int, default=100)
    p.add_argument("--checkpoint", type=int, default=500)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--dataset", default="unknown", help="name of the exported dataset, for the card")
    p.add_argument("--plant", default=None, help="plant spec the data was exported with, for the card")
    p.add_argument("--description", default=None)
    add_device_options(p)
    add_mixing_options(p)
    a = p.parse_args()
    dev = device_of(a)
    mixing = PatchMixing.from_args(a)

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = read_export(a.data, "--data").to(dev)
    os.makedirs(a.out, exist_ok=True)
    g, d = Generator(a.latent, a.channels).to(dev), Critic(a.channels).to(dev)
    opt_g = torch.optim.Adam(g.parameters(), lr=a.lr, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(d.parameters(), lr=a.lr, betas=(0.5, 0.9))
    ckpt_path = os.path.join(a.out, "checkpoint.pt")
    step, elapsed = 0, 0.0
    invocations = [" ".join(sys.argv[1:])]  # the original command first, then each --resume
    shape = {"latent": a.latent, "channels": a.channels}
    if a.resume:
        ck = resume_checkpoint(ckpt_path, shape, dev, "--latent and --channels")
        g.load_state_dict(ck["g"]); d.load_state_dict(ck["d"])
        opt_g.load_state_dict(ck["opt_g"]); opt_d.load_state_dict(ck["opt_d"])
        torch.set_rng_state(ck["rng"].cpu())
        if dev.type == "cuda" and "cuda_rng" in ck:
            torch.cuda.set_rng_state(ck["cuda_rng"].cpu())
        step, elapsed = ck["step"], ck["elapsed"]
        invocations = ck.get("invocations", []) + invocations
        print(f"resumed at step {step} ({elapsed:.0f} s so far)", flush=True)
    print(f"WGAN-GP: {images.size(0)} images from {a.data}, latent {a.latent}, channels {a.channels}, "
          f"{a.steps} generator steps x {a.critic_steps} critic steps, batch {a.batch}", flush=True)
    if mixing.active():
        print(f"mixing: {mixing.describe()}", flush=True)
    start = time.time() - elapsed
    n = images.size(0)
    w_dist = None  # stays None when --resume asks for no more steps than the checkpoint has: export only
    planned = a.steps
    while step < planned:
        for _ in range(a.critic_steps):
            real = mixing(images[torch.randint(0, n, (a.batch,), device=dev)])  # the critic's "real" is mixed
            fake = g(torch.randn(a.batch, a.latent, device=dev)).detach()
            w_dist = d(real).mean() - d(fake).mean()
            loss_d = -w_dist + a.gp * gradient_penalty(d, real, fake)
            opt_d.zero_grad(); loss_d.backward(); opt_d.step()
        loss_g = -d(g(torch.randn(a.batch, a.latent, device=dev))).mean()
        opt_g.zero_grad(); loss_g.backward(); opt_g.step()
        step += 1
        if a.time_budget > 0 and step < planned and time.time() - start > a.time_budget:
            print(f"time budget {a.time_budget:.0f} s spent: stopping at step {step} of {planned}", flush=True)
            planned = step
        if step % a.progress == 0 or step == planned:
            t = time.time() - start
            print(f"step {step}/{a.steps}  critic W-estimate {w_dist.item():.4f}  generator loss {loss_g.item():.4f}"
                  f"  {t:.0f} s (eta {t / step * (a.steps - step):.0f} s)", flush=True)
        if step % a.checkpoint == 0 or step == planned:
            torch.save({"g": g.state_dict(), "d": d.state_dict(), "opt_g": opt_g.state_dict(),
                        "opt_d": opt_d.state_dict(), "rng": torch.get_rng_state(), "step": step,
                        "cuda_rng": torch.cuda.get_rng_state() if dev.type == "cuda" else None,
                        "elapsed": time.time() - start, "invocations": invocations,
                        "shape": {"latent": a.latent, "channels": a.channels}}, ckpt_path)
            write_png(os.path.join(a.out, "samples.png"), sample_grid(g, a.latent, a.seed))
    wall = time.time() - start

    g = g.to("cpu").eval()
    scripted = torch.jit.trace(g, torch.randn(2, a.latent))
    scripted.save(os.path.join(a.out, "generator.pt"))
    # the checkpoint stays (it is not part of the model): `--resume --steps N` trains the same run on to N steps
    params = sum(t.numel() for t in g.parameters())
    description = a.description or (f"WGAN-GP generator, latent {a.latent}, trained with PyTorch on {a.dataset}"
                                    + (f" (plant {a.plant})" if a.plant else ""))
    write_card(os.path.join(a.out, "model.yaml"), "tools/train_wgan.py", "wgan-gp", description, a.latent,
               invocations, a, n, [
                   ("generatorSteps", step), ("stoppedByTimeBudget", str(step < a.steps).lower()),
                   ("criticSteps", a.critic_steps), ("batch", a.batch), ("lr", a.lr),
                   ("optimizer", '"adam (betas 0.5, 0.9)"'), ("gradientPenalty", a.gp), ("channels", a.channels),
                   ("mixing", mixing.describe()),
                   ("torch", yaml_scalar(torch.__version__)), ("threads", a.threads), ("device", yaml_scalar(a.device)),
                   ("wallSeconds", f"{wall:.0f}"),
                   ("finalCriticWassersteinEstimate", "null" if w_dist is None else f"{w_dist.item():.4f}")],
               [("parameters", params)])
    print(f"wrote {a.out} ({wall:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
