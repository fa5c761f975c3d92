"""Run waldo-serve from a checkout: python scripts/serve.py [overrides]."""

from waldo.cli.serve import main

if __name__ == "__main__":
    main()
