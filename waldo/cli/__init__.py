"""The waldo-* commands: thin Hydra apps over the rest of waldo."""

import os

# Idle OpenMP threads sleep instead of spinning, so the DataLoader workers that draw scenes get the
# cores between steps (docs/benchmark.md). Set here, before any command module imports torch.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
