"""Datasets as flat tensors: scikit-learn's bundled digits, or torchvision's MNIST family and CIFAR-10.

Inputs are scaled to [0, 1] and flattened; labels are class indices; targets s_out are
one-hot. torchvision sets keep their official train/test split; digits is split by a seed.
"""

from __future__ import annotations

import socket
from pathlib import Path

import torch

from .io import save_torch

TORCHVISION_SETS = {"mnist": "MNIST", "fashion_mnist": "FashionMNIST", "cifar10": "CIFAR10"}
DATASETS = ("digits", *TORCHVISION_SETS)


class DatasetError(RuntimeError):
    """A dataset could not be downloaded or read; the message says what to do."""


def _torchvision_class(name: str):
    import torchvision.datasets as tvd

    return getattr(tvd, TORCHVISION_SETS[name])


def expected_files(name: str, root: str | Path) -> tuple[Path, list[tuple[str, str]]]:
    """Where torchvision keeps ``name`` under ``root``, and the (file, url) pairs it needs."""
    cls = _torchvision_class(name)
    if name == "cifar10":
        return Path(root), [(cls.filename, cls.url)]
    folder = Path(root) / cls.__name__ / "raw"
    return folder, [(f, f"{cls.mirrors[0]}{f}") for f, _ in cls.resources]


def download(name: str, root: str | Path, timeout_s: float = 30.0) -> None:
    """Download ``name`` with torchvision into ``root`` (a no-op when the files are there)."""
    if name not in TORCHVISION_SETS:
        raise DatasetError(f"dataset {name!r} is not downloaded; downloadable: {sorted(TORCHVISION_SETS)}")
    cls = _torchvision_class(name)
    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout_s)
    try:
        for train in (True, False):
            cls(str(root), train=train, download=True)
    except Exception as e:  # torchvision raises RuntimeError, URLError, OSError, ...
        folder, files = expected_files(name, root)
        listing = "; ".join(f"{f} from {url}" for f, url in files)
        raise DatasetError(
            f"could not download dataset {name!r} ({type(e).__name__}: {str(e).splitlines()[0][:200]}). "
            f"On a machine without internet access, fetch these files by hand: {listing}; "
            f"and put them in {folder}/ (MNIST-style .gz files may stay compressed; CIFAR-10's archive "
            f"is checked against torchvision's MD5), then rerun."
        ) from None
    finally:
        socket.setdefaulttimeout(old)


def _idx_problem(path: Path) -> str | None:
    """Why an uncompressed MNIST-style idx file is unreadable, or None if it is whole."""
    blob = path.read_bytes()
    if len(blob) < 8 or blob[0:2] != b"\x00\x00" or blob[2] != 0x08 or not 1 <= blob[3] <= 3:
        return "its header is not an idx header of unsigned bytes"
    dims = [int.from_bytes(blob[4 + 4 * i : 8 + 4 * i], "big") for i in range(blob[3])]
    expected = 4 + 4 * len(dims) + int(torch.tensor(dims).prod())
    if len(blob) != expected:
        return f"it holds {len(blob)} bytes but its header {dims} needs {expected} (truncated or padded)"
    return None


def verify_files(name: str, root: str | Path) -> None:
    """Check every file of a torchvision set before reading it; name the first bad one.

    Archives are checked against torchvision's MD5 sums where they are present; MNIST-style
    idx files (which torchvision keeps uncompressed, without sums) against their own headers.
    """
    from torchvision.datasets.utils import check_integrity

    cls = _torchvision_class(name)
    folder, _ = expected_files(name, root)
    advice = "delete it and download again (snakemake runs the download rule), or put an intact copy there"
    if name == "cifar10":
        batches = Path(root) / cls.base_folder
        for file, md5 in cls.train_list + cls.test_list + [[cls.meta["filename"], cls.meta["md5"]]]:
            path = batches / file
            if not path.exists():
                raise DatasetError(f"dataset {name!r}: file {path} is missing; download the set again "
                                   f"(snakemake runs the download rule)")
            if not check_integrity(str(path), md5):
                raise DatasetError(f"dataset {name!r}: file {path} does not match torchvision's MD5 sum "
                                   f"(corrupted or truncated); {advice}")
        return
    for archive, md5 in cls.resources:
        gz, raw = folder / archive, folder / Path(archive).stem
        if gz.exists() and not check_integrity(str(gz), md5):
            raise DatasetError(f"dataset {name!r}: file {gz} does not match torchvision's MD5 sum "
                               f"(corrupted or truncated); {advice}")
        if not raw.exists():
            raise DatasetError(f"dataset {name!r}: file {raw} is missing; download the set again "
                               f"(snakemake runs the download rule), or put the files in {folder}/ by hand")
        if (problem := _idx_problem(raw)) is not None:
            raise DatasetError(f"dataset {name!r}: file {raw} is corrupted: {problem}; {advice}")


def _load_torchvision(name: str, root: str | Path) -> dict[str, torch.Tensor]:
    verify_files(name, root)
    cls = _torchvision_class(name)
    out = {}
    for split, train in (("train", True), ("test", False)):
        try:
            ds = cls(str(root), train=train, download=False)
            images = torch.as_tensor(ds.data)
            labels = torch.as_tensor(ds.targets)
        except Exception as e:
            folder, files = expected_files(name, root)
            raise DatasetError(
                f"dataset {name!r} in {folder} is missing or corrupted ({type(e).__name__}: "
                f"{str(e).splitlines()[0][:200] if str(e) else 'unreadable file'}). Expected files: "
                f"{', '.join(f for f, _ in files)}. Delete the folder and download again "
                f"(snakemake runs the download rule), or put intact copies there by hand."
            ) from None
        if images.shape[0] != labels.shape[0] or images.shape[0] == 0:
            raise DatasetError(f"dataset {name!r} in {root}: {images.shape[0]} images but {labels.shape[0]} labels")
        out[f"{split}_x"] = images.reshape(images.shape[0], -1).to(torch.float64) / 255.0
        out[f"{split}_y"] = labels.to(torch.int64)
    return out


def _load_digits(test_fraction: float, split_seed: int) -> dict[str, torch.Tensor]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = torch.as_tensor(digits.data, dtype=torch.float64) / 16.0
    y = torch.as_tensor(digits.target, dtype=torch.int64)
    order = torch.randperm(len(y), generator=torch.Generator().manual_seed(int(split_seed)))
    n_test = int(round(test_fraction * len(y)))
    test, train = order[:n_test], order[n_test:]
    return {"train_x": x[train], "train_y": y[train], "test_x": x[test], "test_y": y[test]}


def load(name: str, root: str | Path = "resources/data", test_fraction: float = 0.25,
         split_seed: int = 0) -> dict[str, torch.Tensor]:
    """train_x, train_y, test_x, test_y as float64 inputs in [0, 1] and int64 labels."""
    if name == "digits":
        data = _load_digits(test_fraction, split_seed)
    elif name in TORCHVISION_SETS:
        data = _load_torchvision(name, root)
    else:
        raise DatasetError(f"unknown dataset {name!r}; choose one of {list(DATASETS)}")
    data["n_classes"] = torch.tensor(int(max(data["train_y"].max(), data["test_y"].max())) + 1)
    return data


def one_hot(labels: torch.Tensor, n_classes: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.nn.functional.one_hot(labels, n_classes).to(dtype)


def save(data: dict[str, torch.Tensor], path: str | Path) -> None:
    save_torch(data, path)
