"""Speed measurements: training steps, detection, matrix multiply and scene drawing."""
