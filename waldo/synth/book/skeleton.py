"""A figure's skeleton in 3D, posed by joint angles and seen from any side.

Poses are written once, as angles of a body facing the viewer; turning the figure is a
rotation about the vertical axis followed by an orthographic projection, so front,
three-quarter, side and back views all come from the same pose. Lengths are in head
units (1 = head height, skull top to chin); y grows downward, +x is the figure's left
(the viewer's right when it faces the viewer), +z points where the figure faces.
"""

import math
from dataclasses import dataclass

import numpy as np

SIDES = (1, -1)  # the figure's left (+x), then its right


@dataclass(frozen=True)
class Build:
    """Body proportions in head units; `heads_tall` is the whole figure, head included."""

    heads_tall: float
    shoulder_half: float = 0.42
    hip_half: float = 0.2
    chest_depth: float = 0.22
    arm_width: float = 0.24
    leg_width: float = 0.3

    @property
    def body(self) -> float:
        """Length below the chin."""
        return self.heads_tall - 1.0

    def length(self, share: float) -> float:
        """A bone whose length is `share` of the body below the chin."""
        return share * self.body


NECK, TORSO, UPPER_ARM, FOREARM, THIGH, SHIN = 0.045, 0.36, 0.22, 0.2, 0.27, 0.26


@dataclass(frozen=True)
class Pose:
    """Angles in degrees. Arms and legs: flexion swings a limb forward (toward +z), abduction
    lifts it outward; elbows bend forearms forward, knees bend shins backward. `lean` tips the
    upper body forward; `lift` raises the whole figure off the ground (a jump) in head units."""

    arm_flex: tuple[float, float]
    arm_abduct: tuple[float, float]
    elbow: tuple[float, float]
    leg_flex: tuple[float, float]
    leg_abduct: tuple[float, float]
    knee: tuple[float, float]
    lean: float = 0.0
    lift: float = 0.0


def limb_direction(side: int, abduct_deg: float, flex_deg: float) -> np.ndarray:
    """Unit vector of a limb from its joint: hanging straight down at zero angles."""
    a, f = math.radians(abduct_deg), math.radians(flex_deg)
    return np.array([side * math.sin(a), math.cos(a) * math.cos(f), math.cos(a) * math.sin(f)])


@dataclass(frozen=True)
class Joints:
    """3D joint positions (head units) of a posed skeleton, feet on the ground at y = 0."""

    neck_base: np.ndarray
    chin: np.ndarray
    pelvis: np.ndarray
    shoulders: tuple[np.ndarray, np.ndarray]
    elbows: tuple[np.ndarray, np.ndarray]
    hands: tuple[np.ndarray, np.ndarray]
    hips: tuple[np.ndarray, np.ndarray]
    knees: tuple[np.ndarray, np.ndarray]
    ankles: tuple[np.ndarray, np.ndarray]


def pose_joints(pose: Pose, build: Build) -> Joints:
    """Forward kinematics from the pelvis, then the figure dropped so its lowest foot touches y = 0."""
    lean = math.radians(pose.lean)
    spine = np.array([0.0, -math.cos(lean), math.sin(lean)])
    pelvis = np.zeros(3)
    neck_base = pelvis + spine * build.length(TORSO)
    chin = neck_base + spine * build.length(NECK)
    across = np.array([1.0, 0.0, 0.0])
    shoulders = tuple(neck_base + side * build.shoulder_half * across - spine * 0.08 for side in SIDES)
    hips = tuple(pelvis + side * build.hip_half * across for side in SIDES)
    elbows, hands, knees, ankles = [], [], [], []
    for i, side in enumerate(SIDES):
        upper = limb_direction(side, pose.arm_abduct[i], pose.arm_flex[i])
        fore = limb_direction(side, pose.arm_abduct[i] * 0.6, pose.arm_flex[i] + pose.elbow[i])
        elbows.append(shoulders[i] + upper * build.length(UPPER_ARM))
        hands.append(elbows[i] + fore * build.length(FOREARM))
        thigh = limb_direction(side, pose.leg_abduct[i], pose.leg_flex[i])
        shin = limb_direction(side, pose.leg_abduct[i], pose.leg_flex[i] - pose.knee[i])
        knees.append(hips[i] + thigh * build.length(THIGH))
        ankles.append(knees[i] + shin * build.length(SHIN))
    ground = max(a[1] for a in ankles) + 0.06 * build.body
    drop = np.array([0.0, -ground - pose.lift, 0.0])
    move = lambda points: tuple(p + drop for p in points)  # noqa: E731 - one shift for every joint pair
    return Joints(neck_base + drop, chin + drop, pelvis + drop, move(shoulders), move(elbows), move(hands),
                  move(hips), move(knees), move(ankles))


def turn(points: np.ndarray, yaw_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate 3D points (N, 3) about the vertical axis and project: (screen x, y) (N, 2) and depth
    toward the viewer (N,). Yaw 0 faces the viewer, 90 faces screen right, 180 shows the back."""
    t = math.radians(yaw_deg)
    c, s = math.cos(t), math.sin(t)
    x, y, z = points[:, 0], points[:, 1], points[:, 2]
    return np.stack([x * c + z * s, y], axis=1), -x * s + z * c


def projected_half_width(half_width: float, half_depth: float, yaw_deg: float) -> float:
    """Half the screen width of a box-like body part turned by yaw: its width seen from the front,
    its depth seen from the side."""
    t = math.radians(yaw_deg)
    return half_width * abs(math.cos(t)) + half_depth * abs(math.sin(t))
