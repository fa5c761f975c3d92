"""waldo-serve: the web page and JSON API around the same Detector."""
