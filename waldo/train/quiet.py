"""Keep out of the user's terminal what Lightning and torch print that is not about their run."""

from __future__ import annotations

import logging
import warnings

ADVERTS = ("💡 Tip:",)  # Lightning's suggestions to install its cloud services
LIGHTNING_LOGGERS = ("pytorch_lightning.utilities.rank_zero", "lightning_fabric.utilities.rank_zero")


class DropAdverts(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.getMessage()).startswith(ADVERTS)


def quiet_library_noise(resuming: bool = False) -> None:
    """Drop Lightning's install tips and the deprecation warning its pytree helper raises inside torch.

    A resumed run writes into its own checkpoint folder on purpose, so Lightning's warning that the
    folder is not empty is dropped then too.
    """
    for name in LIGHTNING_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropAdverts) for f in logger.filters):
            logger.addFilter(DropAdverts())
    warnings.filterwarnings("ignore", message=r".*isinstance\(treespec, LeafSpec\)` is deprecated")
    if resuming:
        warnings.filterwarnings("ignore", message=r"Checkpoint directory .* exists and is not empty")
