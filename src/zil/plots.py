"""The supplement's figures: Figure 1 heatmaps (gamma x t per lmax) and the sigma sweep."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from . import published  # noqa: E402
from .io import atomic_path  # noqa: E402
from .tables import figure1_matrix, sci  # noqa: E402

METRIC_TITLES = {"test_error": "divergence of test error", "weights": "divergence of final weights"}
WEIGHT_CLIP = 50.0  # supplement Figure 2 caption: weights normalised linearly on [0, 50], clipped


def _style():
    sns.set_theme(context="paper", style="white", font_scale=0.9)


def normalise(values: np.ndarray, metric: str, evaluations: int) -> np.ndarray:
    """The supplement's display scaling; non-finite cells clip to 1.

    test error: log10(1 + v) / log10(1 + K), K the largest possible divergence (every one of
    the K evaluations differs by 100%); weights: v / 50. Both clipped to [0, 1].
    """
    with np.errstate(invalid="ignore", over="ignore"):
        if metric == "test_error":
            scaled = np.log10(1 + values) / math.log10(1 + evaluations)
        else:
            scaled = values / WEIGHT_CLIP
    return np.clip(np.where(np.isfinite(scaled), scaled, 1.0), 0.0, 1.0)


def _mark_non_finite(ax, matrix: pd.DataFrame, status: pd.DataFrame, fontsize: float) -> None:
    """Hatch cells whose run overflowed or produced nan, and name the status in them."""
    for i, gamma in enumerate(matrix.index):
        for j, column in enumerate(matrix.columns):
            value, state = matrix.loc[gamma, column], status.loc[gamma, column]
            if math.isfinite(value) and state == "ok":
                continue
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor="0.85", hatch="////", edgecolor="0.55", lw=0))
            label = state.replace("_", " ") if not math.isfinite(value) else f"{state}\n{sci(value)}"
            ax.text(j + 0.5, i + 0.5, label, ha="center", va="center", fontsize=fontsize, color="0.1")


def figure1(long: pd.DataFrame, metric: str, path_stem: str | Path, normalised: bool = False,
            evaluations: int = 64) -> None:
    """One row of heatmaps, one per lmax: rows gamma, columns t in A.8 order.

    Annotated with the unscaled values (supplement Figure 1), or coloured by the
    normalised values (its Figure 2 caption). Cells whose run overflowed or produced nan
    are hatched and labelled with their status.
    """
    _style()
    lmaxes = sorted(long.lmax.unique())
    fontsize = 5.0
    finite = long.value[np.isfinite(long.value) & (long.value > 0)]
    # one colour scale for every panel; annotations carry the exact numbers
    top = float(np.log10(finite.max())) if len(finite) else 2.0
    vmin, vmax = (0.0, 1.0) if normalised else (-16.0, min(max(top, 2.0), 4.0))
    fig, axes = plt.subplots(1, len(lmaxes), figsize=(5.0 * len(lmaxes), 3.6), squeeze=False)
    for ax, lmax in zip(axes[0], lmaxes):
        matrix = figure1_matrix(long, lmax)
        status = long[long.lmax == lmax].pivot(index="gamma", columns="column", values="status")[matrix.columns]
        values = matrix.to_numpy(dtype=float)
        if normalised:
            colour = normalise(values, metric, evaluations)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                colour = np.log10(np.clip(values, 1e-16, None))
        good = np.isfinite(values) & (status.to_numpy() == "ok")
        labels = np.array([[sci(v) for v in row] for row in values])
        sns.heatmap(pd.DataFrame(colour, index=[f"{g:g}" for g in matrix.index], columns=matrix.columns),
                    ax=ax, mask=~good, cmap="viridis" if normalised else "mako_r", vmin=vmin, vmax=vmax,
                    annot=labels, fmt="", annot_kws={"fontsize": fontsize}, linewidths=0.4, linecolor="white",
                    cbar_kws={"label": "normalised value" if normalised else "log10 value (clipped)"})
        _mark_non_finite(ax, matrix, status, fontsize)
        ax.set_title(f"{METRIC_TITLES[metric]} ($l_{{max}}$ = {lmax})")
        ax.set_xlabel("t")
        ax.set_ylabel(r"$\gamma$")
    fig.tight_layout()
    save(fig, path_stem)


def figure2(table1: pd.DataFrame, table2: pd.DataFrame, path_stem: str | Path) -> None:
    """Relaxing C1: divergences and test error against sigma, ours beside the published numbers."""
    _style()
    sigmas = list(table1.sigma)
    x = np.arange(len(sigmas))
    floor = 1e-16  # zero divergences are drawn at this floor on the log axis
    panels = [
        ("divergence of test error", table1.test_error_divergence, published.TABLE1_TEST_ERROR_DIVERGENCE, True),
        ("divergence of final weights", table1.weight_divergence_l2, published.TABLE1_WEIGHT_DIVERGENCE, True),
        ("test error", table2.final_test_error, published.TABLE2_TEST_ERROR, False),
    ]
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
    for ax, (title, ours, pub, log) in zip(axes, panels):
        ours = np.asarray(ours, dtype=float)
        pub_values = np.array([pub.get(s, np.nan) for s in sigmas], dtype=float)
        ax.plot(x, np.maximum(ours, floor) if log else ours, "o-", label="this replication")
        ax.plot(x, np.maximum(pub_values, floor) if log else pub_values, "s--", label="supplement", alpha=0.8)
        for xi, (status, value) in enumerate(zip(table1.status, ours)):
            if status != "ok":
                ax.annotate(status, (xi, max(value, floor) if math.isfinite(value) else floor), fontsize=6)
        if log:
            ax.set_yscale("log")
        ax.set_xticks(x, [f"{s:g}" for s in sigmas], rotation=45)
        ax.set_xlabel(r"$\sigma$ (initial-state noise, C1 relaxed)")
        ax.set_title(title)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    save(fig, path_stem)


def save(fig, path_stem: str | Path) -> None:
    """PDF and PNG, each written atomically."""
    for suffix in (".pdf", ".png"):
        with atomic_path(Path(path_stem).with_suffix(suffix)) as tmp:
            fig.savefig(tmp, dpi=200, bbox_inches="tight")
    plt.close(fig)
