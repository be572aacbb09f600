#!/usr/bin/python3
"""Train a VAE in PyTorch and export its decoder (and encoder) as a TorchScript model directory our tool loads.

A VAE's decoder is a generator with an encoder beside it: the encoder gives the inversion (Procedure 2) a start
near the image, which the WGAN lacks. Our Java trainer (`train generator --kind vae`) takes about 20 minutes per
Fashion-MNIST epoch on this CPU; PyTorch trains the same kind of model in a few minutes per epoch. Data comes from
the tool itself:

  java -jar target/cdeepex.jar data export --dataset fashion-mnist-train --out /tmp/fashion-train
  java -jar target/cdeepex.jar data export --dataset fashion-samples --out /tmp/fashion-val
  /usr/bin/python3 tools/train_vae.py --data /tmp/fashion-train --val-data /tmp/fashion-val --latent 64 \\
       --epochs 10 --out models/fashion-vae64 --dataset fashion-mnist-train

It writes generator.pt (TorchScript decoder, (N, latent) -> (N, 1, 64, 64) in 0..1), encoder.pt (TorchScript,
(N, 1, 64, 64) -> (N, latent), the posterior mean), model.yaml (the card: command, seed, epochs, wall time, final
losses, held-out reconstruction error) and samples.png (top half: G(z) for z ~ N(0, I); bottom half: held-out
images and their reconstructions, alternating rows). Progress every --progress batches with an ETA; a checkpoint
after every epoch: --resume continues an interrupted run, or trains a finished one on to a larger --epochs.

Loss per image: binary cross-entropy summed over pixels + beta * KL(q(z|x) || N(0, I)). The decoder is the same
network as train_wgan.py's generator, so the two kinds compare like for like.
"""

import argparse
import os
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

from torch_common import (Generator, PatchMixing, add_device_options, add_mixing_options, device_of, downsampler,
                          grid, read_export, resume_checkpoint, sample_grid, write_card, write_png, yaml_scalar)


class Encoder(nn.Module):
    """x -> (mean, log-variance) of q(z|x)."""

    def __init__(self, latent, channels):
        super().__init__()
        self.latent = latent
        self.net = downsampler(channels, 2 * latent)

    def forward(self, x):
        out = self.net(x)
        return out[:, :self.latent], out[:, self.latent:]


class PosteriorMean(nn.Module):
    """The exported encoder: only the mean, the inversion's start."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, x):
        return self.encoder(x)[0]


def losses(encoder, decoder, x, beta):
    """(total, reconstruction, KL), each the mean over the batch of a per-image sum."""
    mean, logvar = encoder(x)
    z = mean + torch.randn_like(mean) * (0.5 * logvar).exp()
    recon = F.binary_cross_entropy(decoder(z), x, reduction="sum") / x.size(0)
    kl = -0.5 * (1 + logvar - mean.pow(2) - logvar.exp()).sum() / x.size(0)
    return recon + beta * kl, recon, kl


def reconstruction_mse(encoder, decoder, images):
    """Per-pixel mean squared error of decoder(mean) against the images (no sampling)."""
    with torch.no_grad():
        total = 0.0
        for i in range(0, images.size(0), 256):
            x = images[i:i + 256]
            total += (decoder(encoder(x)[0]) - x).pow(2).sum().item()
    return total / images.numel()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="directory from `cdeepex data export` (images.idx3-ubyte)")
    p.add_argument("--val-data", default=None, help="held-out `data export` directory: reconstruction error on it")
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--latent", type=int, default=64)
    p.add_argument("--channels", type=int, default=16, help="base channel count C (decoder 4C/2C/C, encoder C/2C/4C)")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--beta", type=float, default=1.0, help="weight of the KL term (below 1: sharper, less regular)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--progress", type=int, default=200, help="print every N batches")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--dataset", default="unknown", help="name of the exported dataset, for the card")
    p.add_argument("--plant", default=None, help="plant spec the data was exported with, for the card")
    p.add_argument("--description", default=None)
    add_device_options(p)
    add_mixing_options(p)
    a = p.parse_args()
    dev = device_of(a)
    mixing = PatchMixing.from_args(a)
    for name in ("latent", "channels", "epochs", "batch", "threads", "progress"):
        if getattr(a, name) < 1:
            sys.exit(f"error: --{name} must be >= 1, got {getattr(a, name)}")
    if not (a.lr > 0 and a.beta > 0):
        sys.exit(f"error: --lr and --beta must be > 0, got {a.lr} and {a.beta}")

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = read_export(a.data, "--data").to(dev)
    held_out = read_export(a.val_data, "--val-data").to(dev) if a.val_data else None
    os.makedirs(a.out, exist_ok=True)
    enc, dec = Encoder(a.latent, a.channels).to(dev), Generator(a.latent, a.channels).to(dev)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=a.lr)
    ckpt_path = os.path.join(a.out, "checkpoint.pt")
    epoch, elapsed = 0, 0.0
    invocations = [" ".join(sys.argv[1:])]  # the original command first, then each --resume
    shape = {"latent": a.latent, "channels": a.channels}
    if a.resume:
        ck = resume_checkpoint(ckpt_path, shape, dev, "--latent and --channels")
        enc.load_state_dict(ck["enc"]); dec.load_state_dict(ck["dec"]); opt.load_state_dict(ck["opt"])
        torch.set_rng_state(ck["rng"].cpu())
        if dev.type == "cuda" and ck.get("cuda_rng") is not None:
            torch.cuda.set_rng_state(ck["cuda_rng"].cpu())
        epoch, elapsed = ck["epoch"], ck["elapsed"]
        invocations = ck["invocations"] + invocations
        print(f"resumed after epoch {epoch} ({elapsed:.0f} s so far)", flush=True)
    n = images.size(0)
    batches = (n + a.batch - 1) // a.batch
    print(f"VAE: {n} images from {a.data}, latent {a.latent}, channels {a.channels}, beta {a.beta}, "
          f"{a.epochs} epochs x {batches} batches of {a.batch}", flush=True)
    if mixing.active():
        print(f"mixing: {mixing.describe()}", flush=True)
    start = time.time() - elapsed
    done_before = epoch * batches
    recon = kl = None  # stay None when --resume asks for no more epochs than the checkpoint has: export only
    planned = a.epochs
    while epoch < planned:
        order = torch.randperm(n).to(dev)
        for b in range(batches):
            # the VAE reconstructs the mixed image: input and target are the same mixed batch
            loss, recon, kl = losses(enc, dec, mixing(images[order[b * a.batch:(b + 1) * a.batch]]), a.beta)
            opt.zero_grad(); loss.backward(); opt.step()
            if (b + 1) % a.progress == 0 or b + 1 == batches:
                t = time.time() - start
                done = epoch * batches + b + 1
                rate = (time.time() - start - elapsed) / max(1, done - done_before)
                print(f"epoch {epoch + 1}/{a.epochs} batch {b + 1}/{batches}  reconstruction {recon.item():.2f}"
                      f"  KL {kl.item():.2f}  {t:.0f} s (eta {rate * (a.epochs * batches - done):.0f} s)", flush=True)
        epoch += 1
        if a.time_budget > 0 and epoch < planned and time.time() - start > a.time_budget:
            print(f"time budget {a.time_budget:.0f} s spent: stopping after epoch {epoch} of {planned}", flush=True)
            planned = epoch
        line = f"epoch {epoch} done"
        if held_out is not None:
            line += f": held-out reconstruction MSE {reconstruction_mse(enc, dec, held_out):.5f}"
        print(line, flush=True)
        torch.save({"enc": enc.state_dict(), "dec": dec.state_dict(), "opt": opt.state_dict(),
                    "rng": torch.get_rng_state(), "epoch": epoch,
                    "cuda_rng": torch.cuda.get_rng_state() if dev.type == "cuda" else None,
                    "elapsed": time.time() - start,
                    "invocations": invocations, "shape": shape}, ckpt_path)
        write_samples(os.path.join(a.out, "samples.png"), enc, dec, a.latent, a.seed,
                      held_out if held_out is not None else images)
    wall = time.time() - start

    enc, dec = enc.to("cpu").eval(), dec.to("cpu").eval()
    held_out = held_out.cpu() if held_out is not None else None
    torch.jit.trace(dec, torch.randn(2, a.latent)).save(os.path.join(a.out, "generator.pt"))
    torch.jit.trace(PosteriorMean(enc), torch.rand(2, 1, 64, 64)).save(os.path.join(a.out, "encoder.pt"))
    # the checkpoint stays (it is not part of the model): `--resume --epochs N` trains the same run on
    params = sum(t.numel() for t in dec.parameters())
    mse = f"{reconstruction_mse(enc, dec, held_out):.5f}" if held_out is not None else "null"
    description = a.description or (f"VAE decoder (latent {a.latent}) with its encoder, trained with PyTorch on "
                                    f"{a.dataset}" + (f" (plant {a.plant})" if a.plant else ""))
    final = lambda t: "null" if t is None else f"{t.item():.3f}"
    write_card(os.path.join(a.out, "model.yaml"), "tools/train_vae.py", "vae", description, a.latent, invocations, a,
               n, [("epochs", epoch), ("stoppedByTimeBudget", str(epoch < a.epochs).lower()), ("batch", a.batch),
                   ("lr", a.lr), ("optimizer", "adam"),
                   ("loss", '"binary cross-entropy summed per image + beta * KL"'), ("beta", a.beta),
                   ("channels", a.channels), ("mixing", mixing.describe()), ("torch", yaml_scalar(torch.__version__)),
                   ("threads", a.threads),
                   ("device", yaml_scalar(a.device)), ("wallSeconds", f"{wall:.0f}"),
                   ("finalReconstructionLoss", final(recon)), ("finalKl", final(kl))],
               [("parameters", params), ("heldOutImages", held_out.size(0) if held_out is not None else 0),
                ("heldOutReconstructionMse", mse)], encoder=True)
    print(f"wrote {a.out} ({wall:.0f} s)", flush=True)


def write_samples(path, enc, dec, latent, seed, images):
    """Top: 32 samples G(z); bottom: 16 images and their reconstructions, row by row."""
    with torch.no_grad():
        samples = sample_grid(dec, latent, seed)[:4 * 64]
        x = images[:16]
        pairs = torch.cat([x[:8], dec(enc(x[:8])[0]), x[8:], dec(enc(x[8:])[0])])
        write_png(path, torch.cat([samples, grid(pairs.cpu())]))


if __name__ == "__main__":
    main()
