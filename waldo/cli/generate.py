"""waldo-generate: write synthetic scenes as pictures plus one COCO annotations.json."""

from pathlib import Path

import cv2
import hydra
import numpy as np
from omegaconf import DictConfig
from rich.progress import track

from waldo.cli.app import start
from waldo.cli.errors import exit_on_user_error
from waldo.data.annotation_files import ImageRecord, write_coco
from waldo.synth import SceneConfig, render_scene, scene_seed, validate_scene_config
from waldo.synth.contact_sheet import contact_sheet

IMAGE_FORMATS = ("png", "jpg")


def _save(path: Path, image: np.ndarray, jpeg_quality: int) -> None:
    params = [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality] if path.suffix == ".jpg" else []
    if not cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR), params):
        raise ValueError(f"could not write {path}")


def _output_folder(cfg: DictConfig) -> Path:
    """The output folder, refused when it already holds files unless overwrite=true."""
    folder = Path(cfg.output_root) / str(cfg.name)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"output path {folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not cfg.overwrite:
        raise FileExistsError(f"output folder {folder} is not empty; choose another name=... or pass overwrite=true")
    return folder


def _check(cfg: DictConfig) -> SceneConfig:
    """Refuse bad settings before anything is written; returns the checked scene config, drawn with as it is."""
    scene = validate_scene_config(cfg.data.scene)
    if not isinstance(cfg.num_scenes, int) or cfg.num_scenes < 0:
        raise ValueError(f"num_scenes must be a whole number >= 0, got {cfg.num_scenes!r}")
    if cfg.image_format not in IMAGE_FORMATS:
        raise ValueError(f"image_format must be one of {IMAGE_FORMATS}, got {cfg.image_format!r}")
    if not 1 <= int(cfg.jpeg_quality) <= 100:
        raise ValueError(f"jpeg_quality must be in 1..100, got {cfg.jpeg_quality}")
    return scene


def generate(cfg: DictConfig) -> Path:
    """Draw cfg.num_scenes scenes into the output folder; returns the folder."""
    scene = _check(cfg)
    folder = _output_folder(cfg)
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for index in track(range(cfg.num_scenes), description=f"drawing scenes into {folder}"):
        image, heads = render_scene(scene, scene_seed(cfg.seed, index))
        file_name = f"scene_{index:05d}.{cfg.image_format}"
        _save(folder / file_name, image, int(cfg.jpeg_quality))
        records.append(ImageRecord(file_name, image.shape[1], image.shape[0], heads))
    write_coco(folder / "annotations.json", records)
    if cfg.contact_sheet:
        _save(folder / "contact_sheet.jpg", contact_sheet(seed=int(cfg.seed)), 80)
    heads = sum(len(r.heads) for r in records)
    print(f"wrote {len(records)} scenes with {heads} Waldo heads and annotations.json to {folder}")
    return folder


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="generate")
@exit_on_user_error
def run(cfg: DictConfig) -> None:
    generate(cfg)


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "generate")


if __name__ == "__main__":
    main()
