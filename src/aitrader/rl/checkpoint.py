"""One file per trained policy: the module's class, constructor arguments and weights, the trading
rules (`EnvConfig`) and observation windows (`ObsSpec`) it was trained with, and metadata (agent
kind, steps, seed, data, splits, creation time, versions).

The file is `torch.save` of plain containers only, read back with `torch.load(weights_only=True)`:
loading a checkpoint never runs pickled code. A policy class is rebuilt from its name through a
registry (`register_policy`); the built-in classes are known without importing them first. Any
failure to read a file is a `CheckpointError` with a one-line message.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import torch
from pydantic import ValidationError
from torch import nn

from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import RecurrentPolicy

FORMAT = "aitrader.rl.checkpoint"
FORMAT_VERSION = 1
_KEYS = ("format", "version", "policy_class", "policy_config", "state_dict", "env_config", "obs_spec", "meta")


class PolicyModule(RecurrentPolicy, Protocol):
    """A `RecurrentPolicy` that is also a torch module (what a checkpoint holds)."""

    def eval(self) -> Any: ...

    def train(self, mode: bool = True) -> Any: ...

    def parameters(self, recurse: bool = True) -> Iterator[nn.Parameter]: ...


class CheckpointError(ValueError):
    """A file that is not a readable aitrader RL checkpoint (the message is one line)."""


M = TypeVar("M", bound=type[nn.Module])
_REGISTRY: dict[str, type[nn.Module]] = {}
# classes that register themselves when their module is imported: imported on demand at load
_KNOWN_MODULES = {"MixtureOfExperts": "aitrader.rl.moe"}


def register_policy(cls: M) -> M:
    """Make a policy class loadable by name (usable as a decorator). It must have `config()`
    returning its constructor's keyword arguments."""
    if not callable(getattr(cls, "config", None)):
        raise TypeError(f"{cls.__name__} has no config() method; a checkpoint cannot rebuild it")
    _REGISTRY[cls.__name__] = cls
    return cls


register_policy(LSTMActorCritic)


def policy_class(name: str) -> type[nn.Module]:
    if name not in _REGISTRY and name in _KNOWN_MODULES:
        importlib.import_module(_KNOWN_MODULES[name])
        if name not in _REGISTRY:  # the module defines it but does not register it itself
            cls = getattr(importlib.import_module(_KNOWN_MODULES[name]), name)
            register_policy(cls)
    if name not in _REGISTRY:
        known = ", ".join(sorted({*_REGISTRY, *_KNOWN_MODULES}))
        raise CheckpointError(f"unknown policy class {name!r} (known: {known})")
    return _REGISTRY[name]


@dataclass
class Checkpoint:
    policy: PolicyModule
    env_config: EnvConfig
    obs_spec: ObsSpec
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def _plain(value: object, where: str) -> object:
    """`value` as plain containers `torch.load(weights_only=True)` reads back (str and number
    subclasses such as numpy scalars or torch's version string are converted); else TypeError."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v, f"{where}[{k}]") for k, v in enumerate(value)]
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"checkpoint metadata key {k!r} in {where} is not a string")
            out[str(k)] = _plain(v, f"{where}.{k}")
        return out
    raise TypeError(f"checkpoint metadata {where} is a {type(value).__name__}; use plain values")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("aitrader")
    except Exception:
        return "unknown"


def save_checkpoint(
    path: str | os.PathLike[str],
    policy: RecurrentPolicy,
    env_config: EnvConfig,
    obs_spec: ObsSpec,
    *,
    agent: str,
    steps: int = 0,
    seed: int | None = None,
    data: list[str] | None = None,
    splits: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write the checkpoint (atomically: a temporary file renamed over `path`); returns the path.
    `extra` adds plain metadata (numbers, strings, lists, dicts)."""
    if not isinstance(policy, nn.Module):
        raise TypeError("only a torch.nn.Module policy can be saved")
    name = type(policy).__name__
    if _REGISTRY.get(name) is not type(policy) and name not in _KNOWN_MODULES:
        raise TypeError(f"{name} is not registered (register_policy); it could not be loaded back")
    meta: dict[str, Any] = {
        "agent": agent, "steps": int(steps), "seed": seed, "data": list(data or []),
        "splits": dict(splits or {}), "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "aitrader_version": _version(), "torch_version": torch.__version__, "policy_class": name,
    }  # fmt: skip
    meta.update(extra or {})
    config = _plain(policy.config(), "policy_config")
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "policy_class": name,
        "policy_config": config,
        "state_dict": {k: v.detach().cpu() for k, v in policy.state_dict().items()},
        "env_config": env_config.model_dump(),
        "obs_spec": obs_spec.model_dump(),
        "meta": _plain(meta, "meta"),
    }
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    torch.save(payload, tmp)
    os.replace(tmp, out)
    return out


def _one_line(exc: BaseException) -> str:
    """The telling part of an exception's message, on one line (torch's unpickler buries it
    mid-text; load_state_dict puts its details on the lines after a heading)."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(exc).splitlines()]
    lines = [line for line in lines if line]
    telling = next((line for line in lines if "WeightsUnpickler error:" in line), None)
    if telling is not None:
        text = telling.split("WeightsUnpickler error:", 1)[1].split(". Please use")[0].strip()
    elif not lines:
        text = type(exc).__name__
    else:
        text = lines[0] if not lines[0].endswith(":") or len(lines) == 1 else f"{lines[0]} {lines[1]}"
        text = text.split(". This is an internal")[0]
    return text if len(text) <= 200 else text[:197] + "..."


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise CheckpointError(f"no checkpoint file at {path}")
    with path.open("rb") as fh:
        if fh.read(4) != b"PK\x03\x04":  # torch.save writes a zip archive
            raise CheckpointError(f"{path} is not a readable policy checkpoint (not a torch zip archive)")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:
        raise CheckpointError(f"{path} is not a readable policy checkpoint ({_one_line(exc)})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(f"{path} is not an aitrader RL checkpoint (no '{FORMAT}' marker)")
    if payload.get("version") != FORMAT_VERSION:
        raise CheckpointError(
            f"{path} has checkpoint format version {payload.get('version')!r}; this aitrader reads {FORMAT_VERSION}"
        )
    missing = [k for k in _KEYS if k not in payload]
    if missing:
        raise CheckpointError(f"{path} is an incomplete checkpoint (missing {', '.join(missing)})")
    return payload


def load_checkpoint(path: str | os.PathLike[str], device: torch.device | str | None = None) -> Checkpoint:
    """Read a checkpoint and rebuild its policy on `device` (cpu by default), in eval mode."""
    p = Path(path)
    payload = _read(p)
    cls = policy_class(str(payload["policy_class"]))
    try:
        policy = cls(**payload["policy_config"])
        policy.load_state_dict(payload["state_dict"])
        env_config = EnvConfig.model_validate(payload["env_config"])
        obs_spec = ObsSpec.model_validate(payload["obs_spec"])
        meta = dict(payload["meta"])
    except (TypeError, RuntimeError, ValueError, ValidationError) as exc:
        raise CheckpointError(f"{p}: the stored policy does not rebuild ({_one_line(exc)})") from None
    dims = (getattr(policy, "obs_dim", None), getattr(policy, "n_actions", None))
    if dims != (obs_spec.obs_dim, N_ACTIONS):
        raise CheckpointError(
            f"{p}: the policy takes {dims[0]} inputs and {dims[1]} actions; its observations have "
            f"{obs_spec.obs_dim} columns and there are {N_ACTIONS} actions"
        )
    policy.to(torch.device(device) if device is not None else torch.device("cpu"))
    policy.eval()
    if not isinstance(policy, RecurrentPolicy):
        raise CheckpointError(f"{p}: {cls.__name__} is not a recurrent policy")
    module: PolicyModule = policy
    return Checkpoint(module, env_config, obs_spec, meta, p)


def load_policy(path: str | os.PathLike[str], device: torch.device | str | None = None) -> PolicyModule:
    """The policy module of a checkpoint alone."""
    return load_checkpoint(path, device).policy
