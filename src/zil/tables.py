"""Tidy tables of all runs, the supplement's Tables 1-2, Figure 1 matrices and the published comparison."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from . import published
from .io import atomic_path, read_json

ROUNDING_LEVEL = 1e-10  # a float64 divergence at or below this counts as zero


class MixedResultsError(ValueError):
    """Result files made with different shared settings cannot go into one table."""


def load_results(files_by_kind: dict[str, list[str]]) -> pd.DataFrame:
    """One row per result file; kind is reference, grid, sigma or fazil."""
    rows = []
    for kind, paths in files_by_kind.items():
        for path in paths:
            r = read_json(path)
            prov = r.get("provenance", {})
            column = "l" if r["rule"] in ("zil", "fazil") else (str(r["t_c"]) if r["rule"] == "il" else "")
            rows.append({
                "kind": kind, "lmax": r["lmax"], "rule": r["rule"], "column": column,
                "gamma": r.get("gamma", 1.0), "sigma": r.get("sigma", 0.0), "t_c": r.get("t_c"),
                "phi": r.get("phi"), "status": r["status"], "diverged_at_update": r["diverged_at_update"],
                "final_test_error": r["final_test_error"], "bp_final_test_error": r.get("bp_final_test_error"),
                "test_error_divergence": r.get("test_error_divergence"),
                "weight_divergence_l2": r.get("weight_divergence_l2"),
                "weight_divergence_l1": r.get("weight_divergence_l1"),
                "weight_divergence_max_abs": r.get("weight_divergence_max_abs"),
                "updates_done": r["updates_done"], "updates_planned": r["updates_planned"],
                "settings_digest": prov.get("settings_digest"), "git_commit": prov.get("git", {}).get("commit"),
                "git_dirty": prov.get("git", {}).get("dirty"), "device": prov.get("device"), "file": str(path),
            })
    table = pd.DataFrame(rows)
    digests = table["settings_digest"].unique()
    if len(digests) > 1:
        groups = table.groupby("settings_digest")["file"].first().to_dict()
        raise MixedResultsError(
            f"result files were made with {len(digests)} different settings (dataset/data/network/training): "
            + "; ".join(f"{d} e.g. {f}" for d, f in groups.items())
            + ". Delete the stale results (or run with --forcerun) so that every run uses one config.")
    return table


def column_order(lmax: int, columns: list[str]) -> list[str]:
    """Supplement A.8: Z-IL's column "l" sits between t = lmax-2 and t = lmax-1."""
    ts = sorted(int(c) for c in columns if c != "l")
    return [str(t) for t in ts if t <= lmax - 2] + ["l"] + [str(t) for t in ts if t > lmax - 2]


def figure1_long(table: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Grid cells of one metric: lmax, gamma, column (A.8 order), value, status."""
    value = {"test_error": "test_error_divergence", "weights": "weight_divergence_l2"}[metric]
    grid = table[table.kind == "grid"]
    parts = []
    for lmax, cells in grid.groupby("lmax"):
        order = column_order(int(lmax), list(cells.column.unique()))
        cells = cells.assign(position=cells.column.map(order.index))
        parts.append(cells.sort_values(["gamma", "position"]))
    out = pd.concat(parts) if parts else grid.assign(position=[])
    return out[["lmax", "gamma", "column", "position", value, "status", "diverged_at_update"]].rename(
        columns={value: "value"}).reset_index(drop=True)


def figure1_matrix(long: pd.DataFrame, lmax: int) -> pd.DataFrame:
    """gamma (rows) x t (columns, A.8 order) for one lmax."""
    cells = long[long.lmax == lmax]
    order = cells.sort_values("position").column.unique()
    return cells.pivot(index="gamma", columns="column", values="value")[list(order)]


def table1(table: pd.DataFrame) -> pd.DataFrame:
    sig = table[table.kind == "sigma"].sort_values("sigma")
    return sig[["sigma", "lmax", "test_error_divergence", "weight_divergence_l2", "status"]].reset_index(drop=True)


def table2(table: pd.DataFrame) -> pd.DataFrame:
    sig = table[table.kind == "sigma"].sort_values("sigma")
    return sig[["sigma", "lmax", "final_test_error", "bp_final_test_error", "status"]].reset_index(drop=True)


def fazil_vs_zil(table: pd.DataFrame) -> pd.DataFrame:
    """Supplement A.10: Fa-Z-IL's test error equals Z-IL's (and BP's)."""
    rows = []
    for _, fa in table[table.kind == "fazil"].sort_values("lmax").iterrows():
        zil = table[(table.kind == "grid") & (table.lmax == fa.lmax) & (table.column == "l") & (table.gamma == 1.0)]
        zil_error = float(zil.final_test_error.iloc[0]) if len(zil) else math.nan
        rows.append({"lmax": fa.lmax, "phi": fa.phi, "bp_test_error": fa.bp_final_test_error,
                     "zil_test_error": zil_error, "fazil_test_error": fa.final_test_error,
                     "fazil_test_error_divergence_from_bp": fa.test_error_divergence,
                     "fazil_weight_divergence_from_bp": fa.weight_divergence_l2,
                     "same_test_error_as_zil": bool(fa.final_test_error == zil_error)})
    return pd.DataFrame(rows)


def published_comparison(table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    sig = table[table.kind == "sigma"].set_index("sigma")
    for sigma in published.SIGMAS:
        ours = sig.loc[sigma] if sigma in sig.index else None
        for quantity, pub, col in (
            ("Table 1: divergence of test error", published.TABLE1_TEST_ERROR_DIVERGENCE, "test_error_divergence"),
            ("Table 1: divergence of final weights", published.TABLE1_WEIGHT_DIVERGENCE, "weight_divergence_l2"),
            ("Table 2: test error", published.TABLE2_TEST_ERROR, "final_test_error"),
        ):
            exact = sigma == 0.0 and not quantity.startswith("Table 2")
            rows.append({"quantity": quantity, "setting": f"sigma={sigma:g}", "published": pub[sigma],
                         "ours": float(ours[col]) if ours is not None else math.nan,
                         "expected": "zero up to rounding" if exact else "same trend (other data and network)"})
    grid = table[(table.kind == "grid") & (table.column == "l") & (table.gamma == 1.0)].set_index("lmax")
    for lmax in sorted(set(published.FIGURE1_ZERO_CELL_WEIGHTS) | set(grid.index)):
        for quantity, pub, col in (
            ("Figure 1: divergence of test error, gamma=1, t=l", published.FIGURE1_ZERO_CELL_TEST_ERROR,
             "test_error_divergence"),
            ("Figure 1: divergence of final weights, gamma=1, t=l", published.FIGURE1_ZERO_CELL_WEIGHTS,
             "weight_divergence_l2"),
        ):
            pub_value = pub.get(lmax)
            rows.append({"quantity": quantity, "setting": f"lmax={lmax}",
                         "published": math.nan if pub_value is None else pub_value,
                         "ours": float(grid.loc[lmax, col]) if lmax in grid.index else math.nan,
                         "expected": "zero up to rounding"})
    out = pd.DataFrame(rows)
    out["matches"] = [
        (o <= ROUNDING_LEVEL if e == "zero up to rounding" else None) if not math.isnan(o) else None
        for o, e in zip(out.ours, out.expected)
    ]
    return out


def sci(value) -> str:
    """The supplement's number style: 1.3e+01; non-finite values spelled out."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "nan"
    if isinstance(value, (bool, str)):
        return str(value)
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3g}" if 1e-2 <= abs(value) < 1e3 or value == 0 else f"{value:.2e}"


def write_table(df: pd.DataFrame, stem: str | Path, index: bool = False) -> None:
    """stem.csv (full precision), stem.md and stem.tex (the supplement's number style)."""
    stem = Path(stem)
    with atomic_path(stem.with_suffix(".csv")) as tmp:
        df.to_csv(tmp, index=index, float_format="%.17g")
    shown = df.map(sci) if not df.empty else df
    with atomic_path(stem.with_suffix(".md")) as tmp:
        tmp.write_text(shown.to_markdown(index=index) + "\n")
    with atomic_path(stem.with_suffix(".tex")) as tmp:
        tmp.write_text(shown.to_latex(index=index))


def write_figure1_table(long: pd.DataFrame, stem: str | Path) -> None:
    """Long form in stem.csv; one gamma x t matrix per lmax in stem.md and stem.tex."""
    stem = Path(stem)
    with atomic_path(stem.with_suffix(".csv")) as tmp:
        long.to_csv(tmp, index=False, float_format="%.17g")
    md, tex = [], []
    for lmax in sorted(long.lmax.unique()):
        shown = figure1_matrix(long, lmax).map(sci)
        shown.index = [f"gamma={g:g}" for g in shown.index]
        md.append(f"lmax = {lmax}\n\n{shown.to_markdown()}\n")
        tex.append(f"% lmax = {lmax}\n{shown.to_latex()}")
    with atomic_path(stem.with_suffix(".md")) as tmp:
        tmp.write_text("\n".join(md))
    with atomic_path(stem.with_suffix(".tex")) as tmp:
        tmp.write_text("\n".join(tex))
