"""Detection on pictures of any size: BN folding, exact tiling, multi-scale search, result records."""
