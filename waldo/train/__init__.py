"""The LightningModule that trains the network, and its learning-rate schedule."""
