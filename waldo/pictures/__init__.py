"""Pictures on disk and drawn results: reading, writing, marking. Below data, training and inference alike."""
