"""Run waldo-eval from a checkout: python scripts/evaluate.py [overrides]."""

from waldo.cli.evaluate import main

if __name__ == "__main__":
    main()
