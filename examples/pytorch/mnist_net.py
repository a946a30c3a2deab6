#!/usr/bin/env python3
"""PyTorch's examples/mnist main.py, the reference for jgrad's `mnist-net` command.

The model, the loss, the optimizer, the schedule and the train/test loops are those of
https://github.com/pytorch/examples/blob/main/mnist/main.py, line for line. What changed:
- the data: the Fashion-MNIST subset bundled with jgrad (2000 train / 500 test IDX files under
  examples/src/main/resources/jgrad/data/), read here with gzip and numpy instead of torchvision,
  normalised as main.py normalises MNIST: ToTensor's x / 255, then Normalize((0.1307,), (0.3081,))
  (MNIST's mean and std, kept as the script has them; the 2000 training images' own are 0.284
  and 0.354);
- no shuffling, as main.py on a CPU (its DataLoader gets shuffle=True only with an accelerator);
- options: --dtype float32|float64 (main.py trains in float32), --threads (torch.set_num_threads),
  and a "seconds" line per epoch; --no-accel/--save-model are left out (CPU only).

    /usr/bin/python3 examples/pytorch/mnist_net.py --epochs 14 --dtype float32 --threads 2

Runs with Debian's python3-torch (1.13); no torchvision needed.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "jgrad", "data")


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


def train(args, model, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        if batch_idx % args.log_interval == 0:
            print('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(train_loader.dataset),
                100. * batch_idx / len(train_loader), loss.item()))
            if args.dry_run:
                break


def test(model, test_loader):
    model.eval()
    test_loss = 0
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction='sum').item()  # sum up batch loss
            pred = output.argmax(dim=1, keepdim=True)  # get the index of the max log-probability
            correct += pred.eq(target.view_as(pred)).sum().item()

    test_loss /= len(test_loader.dataset)

    print('\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n'.format(
        test_loss, correct, len(test_loader.dataset),
        100. * correct / len(test_loader.dataset)))
    return test_loss, correct / len(test_loader.dataset)


def read_idx(path):
    """An IDX file (gzipped) as a numpy array of uint8: (N, 28, 28) images or (N) labels."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def dataset(data_dir, split, size, dtype):
    """ToTensor + Normalize((0.1307,), (0.3081,)) over the whole subset, computed in float64 and then
    rounded to `dtype` (as jgrad's mnist-net does): images (N, 1, 28, 28), labels int64 (N)."""
    images = read_idx(os.path.join(data_dir, f"fashion-{split}-{size}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, f"fashion-{split}-{size}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float64) / 255.0).unsqueeze(1)  # ToTensor: x / 255
    x = ((x - 0.1307) / 0.3081).to(dtype)  # Normalize((0.1307,), (0.3081,))
    return torch.utils.data.TensorDataset(x, torch.from_numpy(labels.astype(np.int64)))


def main():
    # Training settings
    parser = argparse.ArgumentParser(description='PyTorch MNIST Example (on jgrad\'s Fashion-MNIST subset)')
    parser.add_argument('--batch-size', type=int, default=64, metavar='N',
                        help='input batch size for training (default: 64)')
    parser.add_argument('--test-batch-size', type=int, default=1000, metavar='N',
                        help='input batch size for testing (default: 1000)')
    parser.add_argument('--epochs', type=int, default=14, metavar='N',
                        help='number of epochs to train (default: 14)')
    parser.add_argument('--lr', type=float, default=1.0, metavar='LR',
                        help='learning rate (default: 1.0)')
    parser.add_argument('--gamma', type=float, default=0.7, metavar='M',
                        help='Learning rate step gamma (default: 0.7)')
    parser.add_argument('--dry-run', action='store_true', default=False,
                        help='quickly check a single pass')
    parser.add_argument('--seed', type=int, default=1, metavar='S',
                        help='random seed (default: 1)')
    parser.add_argument('--log-interval', type=int, default=10, metavar='N',
                        help='how many batches to wait before logging training status')
    parser.add_argument('--dtype', default='float32', choices=['float32', 'float64'],
                        help='dtype of the model and the data (default: float32, as main.py)')
    parser.add_argument('--threads', type=int, default=0, metavar='N',
                        help='torch.set_num_threads(N); 0 keeps PyTorch\'s default')
    parser.add_argument('--data', default=DATA, metavar='DIR', help='the folder of the bundled IDX files')
    args = parser.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.dtype)
    torch.set_default_dtype(dtype)
    torch.manual_seed(args.seed)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.dtype}, seed {args.seed}")

    train_kwargs = {'batch_size': args.batch_size}
    test_kwargs = {'batch_size': args.test_batch_size}
    dataset1 = dataset(args.data, "train", 2000, dtype)
    dataset2 = dataset(args.data, "test", 500, dtype)
    train_loader = torch.utils.data.DataLoader(dataset1, **train_kwargs)
    test_loader = torch.utils.data.DataLoader(dataset2, **test_kwargs)

    model = Net()
    optimizer = optim.Adadelta(model.parameters(), lr=args.lr)

    scheduler = StepLR(optimizer, step_size=1, gamma=args.gamma)
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        train(args, model, train_loader, optimizer, epoch)
        t1 = time.perf_counter()
        test_loss, accuracy = test(model, test_loader)
        t2 = time.perf_counter()
        print(f"epoch {epoch}: test loss {test_loss:.4f}, accuracy {accuracy:.4f}, "
              f"{t2 - t0:.2f} s (train {t1 - t0:.2f} s, test {t2 - t1:.2f} s)")
        scheduler.step()


if __name__ == '__main__':
    main()
