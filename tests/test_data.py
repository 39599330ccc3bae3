"""Datasets: digits, torchvision's MNIST family read from real idx files, and clear errors."""

import gzip
import pickle
import struct
import time

import numpy as np
import pytest
import torch

from zil import data

def write_idx(path, array: np.ndarray) -> None:
    """An idx file exactly as the MNIST distribution has them: big-endian header, then uint8 data."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + b"".join(struct.pack(">I", n) for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def write_mnist_like(root, folder="FashionMNIST", n_train=30, n_test=12, seed=0):
    rng = np.random.default_rng(seed)
    raw = root / folder / "raw"
    raw.mkdir(parents=True)
    images = {"train": rng.integers(0, 256, (n_train, 28, 28)), "t10k": rng.integers(0, 256, (n_test, 28, 28))}
    labels = {"train": rng.integers(0, 10, n_train), "t10k": rng.integers(0, 10, n_test)}
    for split in ("train", "t10k"):
        write_idx(raw / f"{split}-images-idx3-ubyte", images[split])
        write_idx(raw / f"{split}-labels-idx1-ubyte", labels[split])
    return raw, images, labels


def test_digits_split_is_seeded_and_scaled():
    a, b, c = data.load("digits", split_seed=0), data.load("digits", split_seed=0), data.load("digits", split_seed=1)
    assert len(a["train_y"]) + len(a["test_y"]) == 1797 and len(a["test_y"]) == 449
    assert torch.equal(a["test_x"], b["test_x"]) and not torch.equal(a["test_x"], c["test_x"])
    assert a["train_x"].dtype == torch.float64 and 0 <= a["train_x"].min() and a["train_x"].max() <= 1
    assert int(a["n_classes"]) == 10


@pytest.mark.parametrize("name, folder", [("fashion_mnist", "FashionMNIST"), ("mnist", "MNIST")])
def test_torchvision_sets_read_from_raw_idx_files(tmp_path, name, folder):
    _, images, labels = write_mnist_like(tmp_path, folder)
    data.download(name, tmp_path)  # files present: torchvision does not touch the network
    loaded = data.load(name, tmp_path)
    assert loaded["train_x"].shape == (30, 784) and loaded["test_x"].shape == (12, 784)
    assert torch.equal(loaded["train_x"][3], torch.tensor(images["train"][3].reshape(-1) / 255.0))
    assert torch.equal(loaded["test_y"], torch.tensor(labels["t10k"]))


def test_gzipped_archive_is_checked_against_torchvision_md5(tmp_path):
    raw, _, _ = write_mnist_like(tmp_path)
    (raw / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(b"not the real archive"))
    with pytest.raises(data.DatasetError, match=r"train-images-idx3-ubyte\.gz does not match torchvision's MD5"):
        data.load("fashion_mnist", tmp_path)


def test_truncated_file_is_named(tmp_path):
    raw, _, _ = write_mnist_like(tmp_path)
    path = raw / "t10k-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(data.DatasetError, match=r"t10k-images-idx3-ubyte is corrupted: .*truncated"):
        data.load("fashion_mnist", tmp_path)


def test_garbage_file_and_missing_file_are_named(tmp_path):
    raw, _, _ = write_mnist_like(tmp_path)
    (raw / "train-labels-idx1-ubyte").write_bytes(b"<html>proxy error</html>")
    with pytest.raises(data.DatasetError, match=r"train-labels-idx1-ubyte is corrupted: its header"):
        data.load("fashion_mnist", tmp_path)
    (raw / "train-labels-idx1-ubyte").unlink()
    with pytest.raises(data.DatasetError, match=r"train-labels-idx1-ubyte is missing"):
        data.load("fashion_mnist", tmp_path)


def test_corrupted_cifar_batch_is_named(tmp_path):
    batches = tmp_path / "cifar-10-batches-py"
    batches.mkdir()
    fake = {"data": np.zeros((2, 3072), np.uint8), "labels": [0, 1]}
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch", "batches.meta"]:
        (batches / name).write_bytes(pickle.dumps(fake))
    with pytest.raises(data.DatasetError, match=r"data_batch_1 does not match torchvision's MD5"):
        data.load("cifar10", tmp_path)


def test_offline_download_fails_fast_with_instructions(tmp_path):
    start = time.perf_counter()
    with pytest.raises(data.DatasetError) as err:
        data.download("fashion_mnist", tmp_path / "nowhere", timeout_s=5)
    message = str(err.value)
    assert time.perf_counter() - start < 60
    for piece in ("fashion_mnist", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                  str(tmp_path / "nowhere" / "FashionMNIST" / "raw")):
        assert piece in message
    assert "\n" not in message and "Traceback" not in message


def test_unknown_dataset():
    with pytest.raises(data.DatasetError, match="unknown dataset 'imagenet'"):
        data.load("imagenet")
