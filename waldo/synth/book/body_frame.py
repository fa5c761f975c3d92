"""A posed skeleton seen from one side, in the terms its drawing needs: joint positions on screen
(head units), their depths toward the viewer, the torso's axis and its width in this view.

One frame is computed per pose variant and view and shared by the body, its garment pattern
and what it carries, so they always agree on where a hand or a hip is.
"""

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from waldo.synth.book.poses import pose_variant
from waldo.synth.book.skeleton import Build, pose_joints, projected_half_width, turn

REFERENCE_HEADS_TALL = 4.6  # bodies are drawn for this build; a figure's own proportions stretch it
JOINT_NAMES = ("neck_base", "chin", "pelvis", "shoulder0", "shoulder1", "elbow0", "elbow1", "hand0", "hand1",
               "hip0", "hip1", "knee0", "knee1", "ankle0", "ankle1")


@dataclass(frozen=True)
class BodyFrame:
    """Screen positions `xy` and depths `depth` of the joints, the torso's up and sideways unit
    vectors, its half widths at the shoulders and hips, and which way the figure faces (`facing`:
    sin of the yaw, +1 in profile to the right)."""

    xy: dict[str, np.ndarray]
    depth: dict[str, float]
    build: Build
    facing: float
    back_view: bool
    up: np.ndarray
    normal: np.ndarray
    shoulder_w: float
    hip_w: float

    def torso_outline(self) -> np.ndarray:
        """The torso as a 10-point polygon: rounded shoulders, a chest that leans the way it faces."""
        n, u, neck, pelvis = self.normal, self.up, self.xy["neck_base"], self.xy["pelvis"]
        ws, wh = self.shoulder_w, self.hip_w
        chest = 0.06 * self.facing
        middle = (neck + pelvis) / 2
        return np.stack([neck + n * ws * 0.4, neck + n * ws * 0.88 - u * 0.03, neck + n * ws - u * 0.16,
                         middle + n * (ws * 0.8 + wh * 0.2 - chest), pelvis + n * wh, pelvis - n * wh,
                         middle - n * (ws * 0.8 + wh * 0.2 + chest), neck - n * ws - u * 0.16, neck - n * ws * 0.88 - u * 0.03,
                         neck - n * ws * 0.4])


@cache
def posed_frame(action: str, variant: int, yaw: float) -> BodyFrame:
    """The frame of pose variant `variant` of `action`, turned by `yaw` degrees."""
    build = Build(REFERENCE_HEADS_TALL)
    joints = pose_joints(pose_variant(action, variant), build)
    points = np.stack([joints.neck_base, joints.chin, joints.pelvis, *joints.shoulders, *joints.elbows, *joints.hands,
                       *joints.hips, *joints.knees, *joints.ankles])
    xy, depth = turn(points, yaw)
    named = dict(zip(JOINT_NAMES, xy))
    up = named["neck_base"] - named["pelvis"]
    up = up / max(float(np.hypot(*up)), 1e-6)
    return BodyFrame(named, dict(zip(JOINT_NAMES, depth.tolist())), build, math.sin(math.radians(yaw)),
                     math.cos(math.radians(yaw)) < -0.3, up, np.array([-up[1], up[0]]),
                     projected_half_width(build.shoulder_half, build.chest_depth, yaw),
                     projected_half_width(build.hip_half + 0.07, build.chest_depth * 0.95, yaw))
