#!/usr/bin/env python3
"""The search's training loop in Python PyTorch, for comparison with bench_train.

Reads the data set and network list that `bench_train --write-data DIR` wrote and
trains every network exactly as the C++ trainer does (same layers, Adam, shuffled
mini-batches, dropout before the classifier in training only, V1 after every
epoch with V2/test on the best V1 epoch), N networks at once in worker processes
with one intra-op thread each. Prints one JSON line like bench_train.
"""
import argparse
import json
import multiprocessing as mp
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = {}
SETTINGS = {}


class Cnn(nn.Module):
    def __init__(self, lengths, channels, dropout):
        super().__init__()
        self.dropout = dropout
        self.layers = nn.ModuleList()
        self.kinds = []
        n = len(lengths) - 1
        for i in range(n):
            l_in, c_in, l_out, c_out = lengths[i], channels[i], lengths[i + 1], channels[i + 1]
            if i + 1 == n:
                self.layers.append(nn.Linear(l_in * c_in, l_out))
                self.kinds.append("fc")
            elif l_out == l_in:
                self.layers.append(nn.Conv1d(c_in, c_out, 3, padding=1))
                self.kinds.append("conv")
            elif l_out < l_in:
                k = l_in // l_out
                self.layers.append(nn.Conv1d(c_in, c_out, k, stride=k))
                self.kinds.append("conv")
            else:
                k = l_out // l_in
                self.layers.append(nn.ConvTranspose1d(c_in, c_out, k, stride=k))
                self.kinds.append("conv")

    def forward(self, x, gen=None):
        for kind, layer in zip(self.kinds, self.layers):
            if kind == "fc":
                x = x.flatten(1)
                if gen is not None and self.dropout > 0:
                    keep = 1.0 - self.dropout
                    x = x * torch.empty_like(x).bernoulli_(keep, generator=gen) / keep
                x = layer(x)
            else:
                x = torch.relu(layer(x))
        return x


def accuracy(model, x, y):
    with torch.no_grad():
        correct = 0
        for s in range(0, x.shape[0], 256):
            correct += int((model(x[s:s + 256]).argmax(1) == y[s:s + 256]).sum())
        return correct / x.shape[0]


def train_one(args):
    index, net = args
    torch.set_num_threads(1)
    seed = 1000 + index
    gen = torch.Generator().manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Cnn(net["lengths"], net["channels"], SETTINGS["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=SETTINGS["learning_rate"])
    x, y = DATA["train"]
    n = x.shape[0]
    best = (-1.0, 0.0, 0.0)
    steps = 0
    for _ in range(SETTINGS["epochs"]):
        order = torch.from_numpy(rng.permutation(n))
        model.train()
        for s in range(0, n, SETTINGS["batch_size"]):
            idx = order[s:s + SETTINGS["batch_size"]]
            opt.zero_grad()
            loss = F.cross_entropy(model(x.index_select(0, idx), gen), y.index_select(0, idx))
            loss.backward()
            opt.step()
            steps += 1
        model.eval()
        v1 = accuracy(model, *DATA["v1"])
        if v1 > best[0]:
            best = (v1, accuracy(model, *DATA["v2"]), accuracy(model, *DATA["test"]))
    return best[0], steps


def load(directory):
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    length = manifest["length"]
    for part in ("train", "v1", "v2", "test"):
        x = np.fromfile(os.path.join(directory, part + "_x.f32"), dtype=np.float32)
        y = np.fromfile(os.path.join(directory, part + "_y.i64"), dtype=np.int64)
        if x.size != y.size * length:
            sys.exit(f"train_peer.py: {part}_x.f32 holds {x.size} samples for {y.size} labels")
        DATA[part] = (torch.from_numpy(x.reshape(-1, 1, length).copy()), torch.from_numpy(y.copy()))
    for key in ("epochs", "batch_size", "learning_rate", "dropout"):
        SETTINGS[key] = manifest[key]
    return manifest["networks"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data_dir")
    p.add_argument("--jobs", type=int, default=1)
    a = p.parse_args()
    nets = load(a.data_dir)
    torch.set_num_threads(1)
    # Largest first (effective MACs), as the C++ search and benchmark schedule.
    def macs(net):
        total = 0
        for i in range(len(net["lengths"]) - 1):
            l_in, c_in, l_out, c_out = (net["lengths"][i], net["channels"][i], net["lengths"][i + 1],
                                        net["channels"][i + 1])
            if i + 2 == len(net["lengths"]):
                total += l_in * c_in * l_out
            else:
                k = 3 if l_in == l_out else max(l_in, l_out) // min(l_in, l_out)
                total += l_out * c_out * c_in * k
        return total
    work = sorted(enumerate(nets), key=lambda w: -macs(w[1]))
    if a.jobs > 1:
        pool = mp.get_context("fork").Pool(a.jobs)
        pool.map(abs, range(a.jobs))  # workers started before the clock runs
        t0 = time.perf_counter()
        results = pool.map(train_one, work, chunksize=1)
        seconds = time.perf_counter() - t0
        pool.close()
        pool.join()
    else:
        t0 = time.perf_counter()
        results = [train_one(w) for w in work]
        seconds = time.perf_counter() - t0
    print(json.dumps({"impl": "pytorch-python", "jobs": a.jobs, "candidates": len(nets), "seconds": seconds,
                      "candidates_per_s": len(nets) / seconds, "optimiser_steps": sum(r[1] for r in results),
                      "mean_v1_accuracy": sum(r[0] for r in results) / len(results)}))


if __name__ == "__main__":
    main()
