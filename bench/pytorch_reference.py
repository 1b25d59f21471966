"""PyTorch reference for `deno task bench --vs-pytorch`.

Trains the course's five models (the same layers, batch sizes, optimizers and step counts as
bench/models.ts) on MNIST from the IDX files in --data, the way a learner would write it in
PyTorch: batches gathered from the uint8 images and scaled per step, 2 threads. Also reports
which BLAS this torch uses (`torch.__config__.show()`, and on Linux the BLAS library it loaded)
and how fast its matmul is. Prints one JSON object on stdout:

    {"torch": "2.13.0+cpu", "threads": 2, "config": "PyTorch built with: ...",
     "blas_library": null, "matmul_gflops": 180.2,
     "results": [{"model": "softmax", "batch_size": 128, "steps": 375, "ms_per_step": 0.24}, ...]}

Run directly: /usr/bin/python3 bench/pytorch_reference.py --data DIR --steps softmax=375,cnn=20
"""

import argparse
import json
import os
import re
import sys
import time

import torch
from torch import nn

WARMUP_STEPS = 2
TRAIN_IMAGES = 48_000  # 60,000 less the 20% validation split, as in the lessons
MATMUL_SIZE = 1024  # torch.mm of two square matrices this size, best of MATMUL_REPS
MATMUL_REPS = 5
BLAS_FILE = re.compile(r"lib(open)?blas|libmkl|libblis|libatlas|libflexiblas")


def softmax():
    return nn.Sequential(nn.Linear(784, 10))


def mlp(units):
    return nn.Sequential(
        nn.Linear(784, units), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(units, units), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(units, 10),
    )


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(),
        nn.Conv2d(32, 64, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(),
        nn.Linear(12 * 12 * 64, 128), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(128, 10),
    )


def modern_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(128, 192, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(3 * 3 * 192, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(256, 10),
    )


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=0.001)


# name: (builder, optimizer, flat inputs?, batch size); the softmax layer is in the loss.
MODELS = {
    "softmax": (softmax, lambda m: torch.optim.SGD(m.parameters(), lr=0.5), True, 128),
    "mlp": (lambda: mlp(128), adam, True, 128),
    "mlp512": (lambda: mlp(512), adam, True, 128),
    "cnn": (cnn, adam, False, 128),
    "modern_cnn": (modern_cnn, adam, False, 64),
}


def read_idx(path, header):
    with open(path, "rb") as file:
        return torch.frombuffer(bytearray(file.read()[header:]), dtype=torch.uint8)


def load_train(folder):
    images = read_idx(os.path.join(folder, "train-images-idx3-ubyte"), 16).view(-1, 784)
    labels = read_idx(os.path.join(folder, "train-labels-idx1-ubyte"), 8).long()
    return images[:TRAIN_IMAGES], labels[:TRAIN_IMAGES]


def train_steps(model, optimizer, loss_of, images, labels, flat, batch_size, steps, generator):
    """Trains `steps` steps over a shuffled order; returns the loss and accuracy sums."""
    order = torch.randperm(steps * batch_size, generator=generator) % images.shape[0]
    loss_sum = torch.zeros(())
    correct = torch.zeros(())
    model.train()
    for step in range(steps):
        index = order[step * batch_size:(step + 1) * batch_size]
        x = images.index_select(0, index).float().div_(255)
        if not flat:
            x = x.view(-1, 1, 28, 28)
        y = labels.index_select(0, index)
        optimizer.zero_grad()
        logits = model(x)
        loss = loss_of(logits, y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            loss_sum += loss.detach() * batch_size
            correct += (logits.argmax(1) == y).sum()
    return loss_sum.item(), correct.item()


def measure(name, steps, images, labels, seed):
    build, make_optimizer, flat, batch_size = MODELS[name]
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = build()
    optimizer = make_optimizer(model)
    loss_of = nn.CrossEntropyLoss()
    args = (model, optimizer, loss_of, images, labels, flat, batch_size)
    train_steps(*args, WARMUP_STEPS, generator)
    started = time.perf_counter()
    train_steps(*args, steps, generator)
    seconds = time.perf_counter() - started
    return {"model": name, "batch_size": batch_size, "steps": steps,
            "ms_per_step": seconds * 1000 / steps}


def blas_library():
    """The BLAS shared library this process loaded (Linux only), or None (e.g. MKL built in)."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if path.startswith("/") and BLAS_FILE.search(os.path.basename(path)):
                    return path
    except OSError:
        pass
    return None


def matmul_gflops():
    """torch.mm on MATMUL_SIZE square matrices, best of MATMUL_REPS after a warm-up."""
    a = torch.rand(MATMUL_SIZE, MATMUL_SIZE)
    b = torch.rand(MATMUL_SIZE, MATMUL_SIZE)
    best = float("inf")
    for rep in range(MATMUL_REPS + 1):
        started = time.perf_counter()
        torch.mm(a, b)
        if rep > 0:
            best = min(best, time.perf_counter() - started)
    return 2 * MATMUL_SIZE ** 3 / best / 1e9


def parse_steps(text):
    steps = {}
    for part in text.split(","):
        name, _, count = part.partition("=")
        if name not in MODELS or not count.isdigit() or int(count) < 1:
            sys.exit(f"error: --steps expects name=count pairs for {', '.join(MODELS)}, "
                     f"got {part!r}")
        steps[name] = int(count)
    return steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder with the MNIST IDX files")
    parser.add_argument("--steps", required=True, help="name=count,... e.g. softmax=375,cnn=20")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    steps = parse_steps(options.steps)
    torch.set_num_threads(options.threads)
    images, labels = load_train(options.data)
    results = [measure(name, count, images, labels, options.seed) for name, count in steps.items()]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "config": torch.__config__.show(), "blas_library": blas_library(),
                      "matmul_gflops": matmul_gflops(), "results": results}))


if __name__ == "__main__":
    main()
