"""Torch's thread count and device, set once per command.

On a small CPU box the small policies here run fastest on one thread: torch's intra-op pool costs
more in synchronisation than an LSTM of 64 units gains, and it competes with the environment and
anything else running (measured: recurrent PPO at 68 steps/s with 1 thread, 15 with 2, on 2 cores).
"""

from __future__ import annotations

import torch


class DeviceError(ValueError):
    """A device that is not there or not known (the message is one line)."""


def resolve_device(device: str = "auto") -> torch.device:
    """'auto' -> cuda when present, else cpu; 'cpu'; 'cuda' or 'cuda:N' (an error when absent)."""
    name = device.strip().lower()
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cpu":
        return torch.device("cpu")
    if name == "cuda" or name.startswith("cuda:"):
        if not torch.cuda.is_available():
            raise DeviceError(
                f"device {device!r} asked for, but this torch ({torch.__version__}) sees no CUDA GPU; "
                "use --device cpu or auto"
            )
        dev = torch.device(name)
        if dev.index is not None and dev.index >= torch.cuda.device_count():
            raise DeviceError(f"device {device!r}: only {torch.cuda.device_count()} CUDA GPU(s) present")
        return dev
    raise DeviceError(f"unknown device {device!r}: use auto, cpu, cuda or cuda:N")


def configure_torch(threads: int | None, device: str = "auto") -> torch.device:
    """Set torch's intra-op threads (None leaves torch's default) and return the device to use."""
    if threads is not None:
        if threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        torch.set_num_threads(threads)
    return resolve_device(device)
