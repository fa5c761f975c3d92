"""Run waldo-benchmark from a checkout: python scripts/benchmark.py [overrides]."""

from waldo.cli.benchmark import main

if __name__ == "__main__":
    main()
