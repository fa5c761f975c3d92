"""Run waldo-train from a checkout: python scripts/train.py [overrides]."""

from waldo.cli.train import main

if __name__ == "__main__":
    main()
