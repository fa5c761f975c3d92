"""Run the realism gauge: drawn scenes' ten numbers beside the real book pages' (waldo.benchmarks.realism)."""

from waldo.benchmarks.realism import main

if __name__ == "__main__":
    main()
