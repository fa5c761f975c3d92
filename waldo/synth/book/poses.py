"""The pose library: what the figures of a book page are doing, each with a few jittered variants.

A pose is a set of joint angles (skeleton.Pose) plus how the whole figure is tipped over
(falling and lying figures). Variants jitter every angle by a fixed amount, seeded by the
pose's name and the variant number alone (crc32, not Python's salted hash), so variant k
of "run" is the same drawing in every process and can be cached.
"""

import zlib
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from waldo.synth.book.skeleton import Pose

VARIANT_JITTER_DEG = 9.0


@dataclass(frozen=True)
class Action:
    """A pose and what goes with it: `tumble` (deg, [min, max]) tips the whole figure over,
    `holds` says whether a carried prop fits in the hands (pikes, flags, swords)."""

    pose: Pose
    tumble: tuple[float, float] = (0.0, 0.0)
    holds: bool = True


def _pose(arm_flex, arm_abduct, elbow, leg_flex, leg_abduct=(4, 4), knee=(0, 0), lean=0.0, lift=0.0) -> Pose:
    return Pose(tuple(arm_flex), tuple(arm_abduct), tuple(elbow), tuple(leg_flex), tuple(leg_abduct), tuple(knee),
                lean, lift)


ACTIONS: dict[str, Action] = {
    "stand": Action(_pose((4, -4), (8, 8), (10, 10), (0, 0), (5, 5))),
    "walk": Action(_pose((-25, 25), (6, 6), (20, 25), (22, -18), (3, 3), (8, 25), lean=4)),
    "run": Action(_pose((-50, 55), (10, 10), (70, 85), (45, -35), (3, 3), (55, 70), lean=16, lift=0.1)),
    "fight": Action(_pose((165, 40), (20, 12), (15, 70), (30, -20), (6, 6), (25, 10), lean=6)),
    "thrust": Action(_pose((80, 65), (6, 14), (5, 25), (35, -25), (5, 5), (15, 5), lean=14)),
    "fall": Action(_pose((150, 120), (60, 45), (30, 10), (60, -10), (30, 20), (40, 20), lean=-10), tumble=(35, 110), holds=False),
    "lie": Action(_pose((20, -10), (30, 10), (20, 40), (10, -5), (8, 6), (10, 30)), tumble=(80, 95), holds=False),
    "carry": Action(_pose((170, 170), (15, 15), (10, 10), (15, -12), (4, 4), (10, 15), lean=-3), holds=False),
    "point": Action(_pose((95, -10), (25, 6), (0, 30), (8, -8), (6, 6), (4, 8))),
    "wave": Action(_pose((5, 0), (150, 8), (-40, 20), (3, -3), (6, 6), (2, 4))),
    "cheer": Action(_pose((165, 165), (35, 35), (10, 10), (10, -6), (8, 8), (10, 6), lift=0.15), holds=False),
    "sit": Action(_pose((30, 20), (10, 10), (40, 50), (88, 82), (10, 12), (85, 90), lean=-4)),
    "climb": Action(_pose((160, 90), (10, 10), (20, 60), (80, 5), (8, 6), (90, 10), lean=8), holds=False),
    "kick": Action(_pose((-30, 50), (40, 25), (30, 40), (85, -15), (6, 6), (10, 5), lean=-12)),
    "crouch": Action(_pose((60, 40), (10, 12), (50, 70), (70, 60), (10, 10), (110, 100), lean=30)),
    "ride": Action(_pose((40, 35), (8, 8), (45, 50), (70, 70), (32, 32), (80, 80), lean=5)),
    "dig": Action(_pose((70, 50), (8, 8), (20, 30), (20, -5), (8, 8), (20, 10), lean=38)),
}
ACTION_NAMES = tuple(ACTIONS)


def _jitter(values: tuple[float, float], noise: np.ndarray) -> tuple[float, float]:
    return float(values[0] + noise[0]), float(values[1] + noise[1])


@cache
def pose_variant(action: str, variant: int) -> Pose:
    """Variant `variant` of an action's pose: variant 0 is the pose as written, odd variants swap
    left and right limbs (the other step of a walk), every variant but 0 jitters each angle."""
    base = ACTIONS[action].pose
    if variant == 0:
        return base
    rng = np.random.default_rng(zlib.crc32(f"{action}/{variant}".encode()))
    noise = rng.normal(0.0, VARIANT_JITTER_DEG, (6, 2))
    pose = replace(base, arm_flex=_jitter(base.arm_flex, noise[0]), arm_abduct=_jitter(base.arm_abduct, noise[1] * 0.5),
                   elbow=_jitter(base.elbow, noise[2]), leg_flex=_jitter(base.leg_flex, noise[3]),
                   leg_abduct=_jitter(base.leg_abduct, noise[4] * 0.3), knee=_jitter(base.knee, np.abs(noise[5])),
                   lean=float(base.lean + rng.normal(0.0, VARIANT_JITTER_DEG * 0.4)))
    if variant % 2:
        swap = lambda pair: (pair[1], pair[0])  # noqa: E731 - the same swap for every limb pair
        pose = replace(pose, arm_flex=swap(pose.arm_flex), arm_abduct=swap(pose.arm_abduct), elbow=swap(pose.elbow),
                       leg_flex=swap(pose.leg_flex), leg_abduct=swap(pose.leg_abduct), knee=swap(pose.knee))
    return pose
