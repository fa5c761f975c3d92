"""Run waldo-generate from a checkout: `python scripts/generate.py name=... num_scenes=...`."""

from waldo.cli.generate import main

if __name__ == "__main__":
    main()
