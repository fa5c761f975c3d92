"""What the generator tells the rest of the system about each visible Waldo."""

from dataclasses import dataclass


@dataclass(frozen=True)
class HeadAnnotation:
    """One Waldo head: `point` (x, y) is the centre of his face, `box` (x0, y0, x1, y1) runs from the
    top of his pompom to his chin, `visible` is the fraction of his head pixels not hidden, in [0, 1]."""

    point: tuple[float, float]
    box: tuple[float, float, float, float]
    visible: float = 1.0

    @property
    def head_height(self) -> float:
        """Box height in pixels: the size the detector's heatmap targets scale with."""
        return self.box[3] - self.box[1]
