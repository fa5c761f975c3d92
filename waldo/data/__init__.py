"""Training and evaluation data: synthetic streams, annotated folders, augmentation, the DataModule."""
