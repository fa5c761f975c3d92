"""Run waldo-detect from a checkout: python scripts/detect.py [overrides]."""

from waldo.cli.detect import main

if __name__ == "__main__":
    main()
