"""The geometry every part of a book head is placed on: the skull outline in each view and where
features sit on it.

Head units: the chin at (0, 0), the top of the skull at y = -1, the face turned toward +x
(a figure facing left is the mirror image). A view is the head's yaw: 0 faces the viewer,
90 shows the profile, 180 the back of the head.
"""

import math
from dataclasses import dataclass

import numpy as np

VIEWS: dict[str, float] = {"front": 0.0, "three_quarter": 35.0, "side": 90.0, "back_three_quarter": 145.0, "back": 180.0}
OUTLINE_STEPS = 20
EYE_AZIMUTH_DEG = 27.0


@dataclass(frozen=True)
class HeadShape:
    """A skull seen at `yaw` degrees: its outline polygon and the numbers features are placed by."""

    yaw: float
    outline: np.ndarray
    centre_x: float
    half_width: float

    @property
    def turn(self) -> float:
        """How far the face is turned toward +x: 0 facing the viewer, 1 in profile."""
        return math.sin(math.radians(self.yaw))

    @property
    def shows_face(self) -> bool:
        return math.cos(math.radians(self.yaw)) > -0.3

    def surface_x(self, azimuth_deg: float, radius: float = 1.0) -> float:
        """Screen x of a point on the skull `azimuth_deg` round from the middle of the face."""
        return self.centre_x + radius * self.half_width * math.sin(math.radians(self.yaw + azimuth_deg))

    def faces_viewer(self, azimuth_deg: float, limit: float = 0.15) -> bool:
        """Whether that point is on the side of the skull the viewer sees."""
        return math.cos(math.radians(self.yaw + azimuth_deg)) > limit

    def arc(self, start: float, end: float, grow: float = 0.0, steps: int = 12) -> np.ndarray:
        """Points of the outline from angle `start` to `end` (radians; 0 = the +x side, -pi/2 = the
        top), pushed out by `grow` head units."""
        angles = np.linspace(start, end, steps)
        return _outline_points(angles, self.centre_x, self.half_width, self.turn, grow)


def _outline_points(angles: np.ndarray, centre_x: float, half_width: float, turn: float, grow: float) -> np.ndarray:
    cos, sin = np.cos(angles), np.sin(angles)
    x = centre_x + (half_width + grow) * cos
    y = -0.5 + (0.5 + grow) * sin
    lower = np.maximum(sin, 0.0)
    jaw_x = centre_x + 0.12 * turn
    pinch = 1.0 - 0.24 * lower ** 2 - 0.2 * turn * np.maximum(-cos, 0.0) * lower
    x = jaw_x + (x - jaw_x) * pinch
    return np.stack([x, y], axis=1)


def head_shape(view: str) -> HeadShape:
    """The skull outline of a view; in profile it grows a nose and a chin on the face side."""
    yaw = VIEWS[view]
    turn = math.sin(math.radians(yaw))
    half_width = 0.37 + 0.07 * turn
    centre_x = -0.04 * turn
    angles = np.linspace(-0.5 * math.pi, 1.5 * math.pi, OUTLINE_STEPS, endpoint=False)  # from the top, face side first
    points = _outline_points(angles, centre_x, half_width, turn, 0.0)
    if view == "side":
        front = half_width + centre_x
        nose = np.array([[front + 0.02, -0.5], [front + 0.15, -0.37], [front + 0.01, -0.3]])
        points = np.concatenate([points[angles < -0.02], nose, points[angles > 0.4]])
    return HeadShape(yaw, points, centre_x, half_width)
