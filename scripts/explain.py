"""Run waldo-explain from a checkout: python scripts/explain.py [overrides]."""

from waldo.cli.explain import main

if __name__ == "__main__":
    main()
