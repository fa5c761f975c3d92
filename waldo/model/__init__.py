"""The waldoness network built from config, its heatmap encode/decode, its loss, and its saved bundles."""
