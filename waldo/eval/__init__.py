"""Scoring detections against annotated heads (P/R/F1/AP), the evaluation runner, template matching."""
