"""Page themes: each page is one event, and its theme decides the ground, the skyline, who the crowd's
groups are (cut, headgear, colours, what they carry and do) and what stands among them.

In the books dozens of figures share one costume and cover large parts of a page with the same two
or three colours; a group recipe here is one such costume, from which a page draws its groups.
Colours are RGB.
"""

from dataclasses import dataclass

from waldo.synth.palette import Colour

RED, BLUE, NAVY, GREEN = (215, 45, 45), (70, 110, 190), (60, 70, 120), (90, 160, 80)
YELLOW, ORANGE, BROWN, TAN, PURPLE, PINK = (245, 205, 70), (235, 140, 60), (150, 100, 60), (215, 180, 130), (140, 90, 170), (240, 150, 170)
WHITE, GREY, BLACK, SKY_BLUE, CREAM = (248, 248, 244), (150, 150, 155), (60, 60, 65), (232, 240, 248), (245, 236, 210)
TEAL, OLIVE, GOLD, LILAC = (70, 165, 165), (150, 150, 70), (230, 190, 70), (190, 165, 220)

@dataclass(frozen=True)
class GroupRecipe:
    """One kind of costumed group: a page picks a cut, a hat and a colour pair for all its members."""

    cuts: tuple[str, ...]
    hats: tuple[str, ...]
    colours: tuple[tuple[Colour, Colour], ...]
    legs: tuple[Colour, ...]
    props: dict[str, float]
    actions: dict[str, float]
    bare_head_rate: float = 0.1


@dataclass(frozen=True)
class Theme:
    """What one page of an event draws: ground colour and texture, sky and skyline, groups and scenery."""

    ground: str
    ground_colours: tuple[Colour, ...]
    sky: Colour
    skyline: str
    groups: tuple[GroupRecipe, ...]
    civilians: tuple[str, ...]
    scenery: dict[str, float]


_WALK = {"walk": 3, "stand": 2, "run": 1, "point": 1, "wave": 1, "sit": 0.5}
_BUSY = {"walk": 2, "run": 2, "stand": 1.5, "carry": 0.7, "point": 1, "wave": 1, "fall": 0.25, "sit": 0.5, "climb": 0.3, "kick": 0.3}
_BATTLE = {"run": 3, "fight": 3, "thrust": 2, "fall": 0.6, "walk": 1, "stand": 0.7, "lie": 0.2, "climb": 0.3}

THEMES: dict[str, Theme] = {
    "battle": Theme(
        "grass", ((150, 195, 90), (170, 205, 100), (135, 185, 85)), SKY_BLUE, "castle",
        (GroupRecipe(("armour", "tunic", "uniform"), ("helmet", "crest_helmet", "spike_helmet"),
                     ((RED, WHITE), (BLUE, WHITE), (RED, YELLOW), (WHITE, BLUE), (WHITE, RED), (NAVY, RED)), (WHITE, GREY, BROWN, WHITE),
                     {"pike": 4, "sword": 3, "spear": 2, "flag": 1, "shield": 2, "banner": 0.5, "axe": 1}, _BATTLE),
         GroupRecipe(("tunic", "cloak", "coat"), ("horned_helmet", "helmet", "hood", "wide_brim"),
                     ((GREEN, WHITE), (PURPLE, YELLOW), (ORANGE, BROWN), (YELLOW, RED), (WHITE, GREEN)), (BROWN, GREY, WHITE),
                     {"club": 2, "axe": 2, "spear": 2, "sword": 2, "shield": 1}, _BATTLE)),
        ("tunic", "robe", "cloak"), {"tent": 2, "cart": 1, "ladder": 2, "banner_pole": 1, "rock": 1, "barrel": 1, "bush": 1, "horse": 3}),
    "beach": Theme(
        "sand", ((248, 228, 160), (245, 220, 150), (250, 235, 180)), SKY_BLUE, "sea",
        (GroupRecipe(("swim_trunks", "swimsuit", "athlete"), ("none", "wide_brim", "cap", "bandana"),
                     ((RED, WHITE), (BLUE, YELLOW), (PINK, WHITE), (WHITE, RED), (YELLOW, BLUE), (WHITE, BLUE)), (BLUE, RED, WHITE),
                     {"umbrella": 2, "basket": 1, "mug": 1, "none": 3}, {"walk": 2, "run": 2, "lie": 2, "sit": 2, "wave": 1,
                                                                          "kick": 1, "cheer": 1, "fall": 0.5}, 0.6),),
        ("shirt", "swimsuit", "dress", "athlete"), {"parasol": 3, "towel": 2, "sandcastle": 2, "ball": 2, "rock": 0.5, "boat": 0.5}),
    "feast": Theme(
        "planks", ((215, 170, 110), (200, 155, 100), (225, 185, 130)), CREAM, "hall",
        (GroupRecipe(("robe", "dress", "coat", "cloak"), ("crown", "feather_hat", "none", "headscarf"),
                     ((PURPLE, GOLD), (RED, GOLD), (BLUE, WHITE), (WHITE, RED), (WHITE, GOLD), (GREEN, YELLOW)), (BROWN, WHITE, WHITE),
                     {"mug": 3, "basket": 1, "none": 2}, {"sit": 3, "stand": 2, "walk": 1, "cheer": 1, "point": 1, "fall": 0.3}),
         GroupRecipe(("apron", "tunic", "shirt"), ("none", "cap", "headscarf"),
                     ((WHITE, BROWN), (WHITE, RED), (TAN, WHITE), (ORANGE, WHITE)), (BROWN, GREY, WHITE),
                     {"mug": 2, "basket": 2, "box": 1, "sack": 1}, {"walk": 2, "carry": 2, "run": 1, "stand": 1})),
        ("robe", "dress", "tunic"), {"table": 4, "barrel": 2, "bench": 2, "chest": 0.5}),
    "gold_rush": Theme(
        "earth", ((225, 190, 120), (215, 180, 115), (232, 200, 140)), SKY_BLUE, "mountains",
        (GroupRecipe(("overalls", "shirt", "coat"), ("wide_brim", "miner_helmet", "cap"),
                     ((BLUE, WHITE), (BROWN, YELLOW), (RED, BLUE), (WHITE, BROWN), (WHITE, BLUE), (OLIVE, WHITE)), (BLUE, BROWN, TAN, WHITE),
                     {"pick": 3, "shovel": 3, "sack": 1, "basket": 1, "box": 1}, {"dig": 3, "walk": 2, "carry": 2, "run": 1,
                                                                                   "crouch": 2, "point": 1, "climb": 0.5}),),
        ("shirt", "dress", "coat"), {"cart": 3, "ladder": 2, "tent": 2, "rock": 3, "barrel": 1, "sign": 1, "horse": 1}),
    "pirates": Theme(
        "planks", ((200, 150, 95), (190, 140, 90), (210, 165, 110)), SKY_BLUE, "sails",
        (GroupRecipe(("pirate", "shirt", "coat"), ("bandana", "tricorn", "headscarf", "none"),
                     ((RED, WHITE), (WHITE, RED), (BLUE, YELLOW), (WHITE, BLUE)), (BROWN, WHITE, BLUE),
                     {"sword": 4, "oar": 1, "torch": 0.5, "mug": 1}, _BATTLE),
         GroupRecipe(("uniform", "coat"), ("tricorn", "top_hat", "cap"),
                     ((NAVY, WHITE), (RED, WHITE), (BLUE, GOLD)), (WHITE, NAVY), {"sword": 3, "spear": 1, "pike": 1}, _BATTLE)),
        ("pirate", "shirt"), {"barrel": 3, "cannon": 2, "chest": 2, "rope_post": 2, "ladder": 1}),
    "games": Theme(
        "grass", ((140, 200, 95), (155, 210, 105), (130, 190, 90)), SKY_BLUE, "stands",
        (GroupRecipe(("athlete", "shirt"), ("cap", "none", "beanie", "bandana"),
                     ((RED, WHITE), (BLUE, WHITE), (YELLOW, GREEN), (WHITE, RED), (GREEN, WHITE), (ORANGE, BLACK)), (WHITE, BLACK, NAVY),
                     {"flag": 1, "none": 4}, {"run": 4, "kick": 2, "fall": 1, "cheer": 2, "walk": 1, "crouch": 1}, 0.5),),
        ("shirt", "coat", "dress"), {"ball": 3, "goal": 1, "flag_pole": 2, "hurdle": 2, "bench": 1, "horse": 0.7}),
    "cave": Theme(
        "rock", ((185, 165, 140), (170, 155, 135), (195, 175, 150)), (120, 100, 85), "cave",
        (GroupRecipe(("caveman", "tunic"), ("none", "hood", "horned_helmet"),
                     ((TAN, BROWN), (ORANGE, WHITE), (GREY, TAN), (WHITE, TAN)), (TAN, BROWN, WHITE),
                     {"club": 3, "spear": 2, "torch": 2}, {"run": 2, "fight": 2, "walk": 1, "carry": 1, "crouch": 1, "fall": 1}, 0.7),
         GroupRecipe(("overalls", "coat"), ("miner_helmet", "wide_brim"), ((BLUE, RED), (OLIVE, YELLOW)), (BROWN, BLUE),
                     {"pick": 2, "torch": 2, "shovel": 1}, {"dig": 2, "walk": 2, "climb": 1, "crouch": 1})),
        ("tunic", "caveman"), {"rock": 4, "stalagmite": 3, "chest": 1, "ladder": 1, "torch_post": 1}),
    "film_set": Theme(
        "floor", ((225, 215, 195), (215, 210, 200), (235, 225, 205)), (110, 110, 130), "studio",
        (GroupRecipe(("armour", "robe", "dress", "pirate", "caveman", "uniform"), ("helmet", "crown", "tricorn", "top_hat", "none"),
                     ((RED, GOLD), (BLUE, WHITE), (GREEN, YELLOW), (WHITE, RED), (PURPLE, WHITE), (ORANGE, BROWN)), (BROWN, WHITE, GREY),
                     {"sword": 2, "spear": 1, "flag": 1, "none": 2}, _BUSY),
         GroupRecipe(("shirt", "overalls"), ("cap", "none"), ((BLACK, WHITE), (GREY, BLUE)), (BLUE, BLACK),
                     {"box": 1, "none": 3}, {"walk": 2, "carry": 2, "point": 2, "stand": 1, "climb": 1})),
        ("shirt", "coat"), {"camera": 2, "lamp": 2, "ladder": 2, "flat": 2, "box_crate": 1, "horse": 0.5}),
    "snow": Theme(
        "snow", ((238, 242, 248), (230, 236, 245), (244, 246, 250)), (170, 200, 230), "mountains",
        (GroupRecipe(("coat", "cloak", "uniform"), ("beanie", "hood", "wide_brim", "cap"),
                     ((RED, WHITE), (BLUE, WHITE), (GREEN, RED), (YELLOW, BLUE), (WHITE, RED), (PURPLE, PINK)), (NAVY, WHITE, BROWN),
                     {"none": 4, "shovel": 1, "basket": 1}, {"walk": 2, "run": 2, "fall": 2, "sit": 1, "wave": 1, "kick": 0.5,
                                                             "lie": 0.5}),),
        ("coat", "cloak"), {"pine": 4, "snowman": 2, "sledge": 2, "rock": 1, "horse": 0.5}),
    "market": Theme(
        "earth", ((240, 215, 140), (235, 210, 150), (245, 225, 170)), SKY_BLUE, "town",
        (GroupRecipe(("robe", "apron", "dress", "tunic"), ("turban", "headscarf", "wide_brim", "none"),
                     ((ORANGE, WHITE), (TEAL, YELLOW), (RED, CREAM), (LILAC, WHITE), (WHITE, GREEN), (WHITE, RED), (WHITE, BLUE)), (BROWN, WHITE, TAN),
                     {"basket": 3, "mug": 1, "sack": 1, "box": 1, "none": 2}, _BUSY, 0.3),),
        ("robe", "shirt", "dress"), {"stall": 4, "cart": 2, "barrel": 2, "basket_pile": 2, "tent": 1, "horse": 1.5}),
}
THEME_NAMES = tuple(THEMES)
