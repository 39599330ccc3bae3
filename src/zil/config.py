"""The workflow config: readable schema errors, cross-key checks, and how cells are described.

Torch-free, so the Snakefile that imports it starts fast."""

from __future__ import annotations

import jsonschema



# the parts of the config every run of one replication shares; tables refuse to mix digests
SHARED_SECTIONS = ("dataset", "data", "network", "training")


def shared_settings(config: dict) -> dict:
    return {key: config[key] for key in SHARED_SECTIONS}


def grid_spec(column: str, gamma: float) -> dict:
    """Column "l" of supplement Figure 1 is Z-IL's schedule at rate gamma; column k is IL at t_c = k."""
    if column == "l":
        return {"rule": "zil", "gamma": gamma}
    return {"rule": "il", "t_c": int(column), "gamma": gamma}


def _key(path) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def schema_errors(config: dict, schema: dict) -> list[str]:
    """One readable line per schema violation: the key, the value, and what is allowed."""
    validator = jsonschema.Draft202012Validator(schema)
    lines = []
    for err in sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.absolute_path))):
        key = _key(err.absolute_path)
        if err.validator == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            unknown = sorted(set(err.instance) - set(allowed))
            where = f"under '{key}'" if err.absolute_path else "at the top level"
            lines.append(f"unknown key(s) {unknown} {where}; allowed keys: {allowed}")
        elif err.validator == "enum":
            lines.append(f"{key} = {err.instance!r} is not allowed; choose one of {err.validator_value}")
        else:
            lines.append(f"{key} = {err.instance!r}: {err.message}")
    return lines


# training-set sizes, known before any download, so a bad K is caught before any job starts
TRAIN_SIZES = {"mnist": 60000, "fashion_mnist": 60000, "cifar10": 50000}
DIGITS_SIZE = 1797


def train_size(config: dict) -> int:
    if config["dataset"] == "digits":
        return DIGITS_SIZE - int(round(config["data"]["test_fraction"] * DIGITS_SIZE))
    return TRAIN_SIZES[config["dataset"]]


def semantic_errors(config: dict) -> list[str]:
    """Cross-key checks, run after the schema passed and defaults are filled in."""
    lines = []
    training = config["training"]
    updates = -(-train_size(config) // training["batch_size"]) * training["epochs"]
    if training["evaluations"] > updates:
        lines.append(f"training.evaluations = {training['evaluations']} exceeds the {updates} updates of a run "
                     f"({config['dataset']}, batch_size {training['batch_size']}, {training['epochs']} epochs); "
                     f"lower it or train longer")
    return lines


def format_errors(source: str, lines: list[str]) -> str:
    return (f"Invalid configuration ({source}): " + "; ".join(lines) +
            ". Fix these keys in config.yaml or in the file given with --configfile (the schema with every "
            "allowed key and value is workflow/schemas/config.schema.yaml); nothing was run.")
