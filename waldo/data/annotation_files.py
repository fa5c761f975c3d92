"""Reading and writing Waldo head annotations: COCO JSON (what the generator writes) and a plain CSV.

COCO: one category "waldo"; each annotation has `bbox` = head box [x, y, w, h],
`keypoints` = [x, y, 2] = head point (centre of the face), `num_keypoints` = 1 and an
extra `visible` = visible fraction of the head. CSV: `filename,xmin,ymin,xmax,ymax`, one
row per head; the head point is taken as the box centre.
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from waldo.synth.annotation import HeadAnnotation

CATEGORY = {"id": 1, "name": "waldo", "supercategory": "person", "keypoints": ["head"], "skeleton": []}
CSV_COLUMNS = ("filename", "xmin", "ymin", "xmax", "ymax")


@dataclass
class ImageRecord:
    """One picture and the Waldo heads in it; width/height are 0 when the source did not say."""

    file_name: str
    width: int
    height: int
    heads: list[HeadAnnotation] = field(default_factory=list)


def write_coco(path: str | Path, records: list[ImageRecord]) -> None:
    """Write records as a COCO keypoint file."""
    images, annotations = [], []
    for image_id, record in enumerate(records, start=1):
        images.append({"id": image_id, "file_name": record.file_name, "width": record.width, "height": record.height})
        for head in record.heads:
            x0, y0, x1, y1 = head.box
            annotations.append({
                "id": len(annotations) + 1, "image_id": image_id, "category_id": CATEGORY["id"],
                "bbox": [x0, y0, x1 - x0, y1 - y0], "area": (x1 - x0) * (y1 - y0), "iscrowd": 0,
                "keypoints": [head.point[0], head.point[1], 2], "num_keypoints": 1, "visible": head.visible,
            })
    document = {"info": {"description": "Waldo head annotations"}, "images": images,
                "annotations": annotations, "categories": [CATEGORY]}
    Path(path).write_text(json.dumps(document, indent=1))


def _fail(path: Path, problem: str) -> ValueError:
    return ValueError(f"{path}: {problem}")


def _numbers(path: Path, values: Any, count: int, what: str) -> list[float]:
    if not isinstance(values, list) or len(values) < count or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in values[:count]):
        raise _fail(path, f"{what} must be a list of {count} numbers, got {values!r}")
    return [float(v) for v in values[:count]]


def _head_from_coco(path: Path, annotation: dict[str, Any]) -> HeadAnnotation:
    x, y, w, h = _numbers(path, annotation.get("bbox"), 4, f"annotation {annotation.get('id')} bbox")
    if w <= 0 or h <= 0:
        raise _fail(path, f"annotation {annotation.get('id')} has an empty bbox {annotation['bbox']}")
    if "keypoints" in annotation:
        px, py = _numbers(path, annotation["keypoints"], 2, f"annotation {annotation.get('id')} keypoints")
    else:
        px, py = x + w / 2, y + h / 2
    visible = float(annotation.get("visible", 1.0))
    return HeadAnnotation((px, py), (x, y, x + w, y + h), visible)


def read_coco(path: str | Path) -> list[ImageRecord]:
    """Records of a COCO file, in the file's image order; only the `waldo` category is read."""
    path = Path(path)
    try:
        document = json.loads(path.read_text())
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _fail(path, f"not valid JSON ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("images"), list):
        raise _fail(path, "not a COCO file: expected an object with an 'images' list")
    waldo_ids = {c.get("id") for c in document.get("categories", []) if c.get("name") == CATEGORY["name"]}
    records: dict[Any, ImageRecord] = {}
    for image in document["images"]:
        if not isinstance(image, dict) or "id" not in image or "file_name" not in image:
            raise _fail(path, f"image entry needs 'id' and 'file_name', got {image!r}")
        records[image["id"]] = ImageRecord(str(image["file_name"]), int(image.get("width", 0)),
                                           int(image.get("height", 0)))
    for annotation in document.get("annotations", []):
        if waldo_ids and annotation.get("category_id") not in waldo_ids:
            continue
        image_id = annotation.get("image_id")
        if image_id not in records:
            raise _fail(path, f"annotation {annotation.get('id')} refers to unknown image_id {image_id!r}")
        records[image_id].heads.append(_head_from_coco(path, annotation))
    return list(records.values())


def write_csv(path: str | Path, records: list[ImageRecord]) -> None:
    """Write one row per head box; images without heads do not appear (CSV cannot say they exist)."""
    with Path(path).open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for record in records:
            for head in record.heads:
                writer.writerow([record.file_name, *(f"{v:.2f}" for v in head.box)])


def read_csv(path: str | Path) -> list[ImageRecord]:
    """Records from a `filename,xmin,ymin,xmax,ymax` file, grouped by file in first-seen order."""
    path = Path(path)
    try:
        handle = path.open(newline="")
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    records: dict[str, ImageRecord] = {}
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise _fail(path, f"missing CSV columns {missing}; expected header {','.join(CSV_COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            try:
                x0, y0, x1, y1 = (float(row[c]) for c in CSV_COLUMNS[1:])
            except (TypeError, ValueError):
                raise _fail(path, f"line {line}: box values must be numbers, got {row}") from None
            if x1 <= x0 or y1 <= y0:
                raise _fail(path, f"line {line}: box must have xmax > xmin and ymax > ymin, got {row}")
            record = records.setdefault(row["filename"], ImageRecord(row["filename"], 0, 0))
            record.heads.append(HeadAnnotation(((x0 + x1) / 2, (y0 + y1) / 2), (x0, y0, x1, y1)))
    return list(records.values())
