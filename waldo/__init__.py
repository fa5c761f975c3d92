"""Where's Waldo finder: a fully-convolutional waldoness network trained on synthetic scenes."""
