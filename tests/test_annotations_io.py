"""COCO and CSV head annotations survive a write/read round trip; broken files say what is wrong."""

import json

import pytest

from waldo.data.annotation_files import ImageRecord, read_coco, read_csv, write_coco, write_csv
from waldo.synth import HeadAnnotation


def sample_records() -> list[ImageRecord]:
    return [
        ImageRecord("a.png", 640, 480, [HeadAnnotation((105.5, 60.25), (95.0, 40.0, 116.0, 72.5), 0.8),
                                        HeadAnnotation((300.0, 200.0), (290.0, 185.0, 310.0, 215.0), 1.0)]),
        ImageRecord("empty.png", 320, 240, []),
        ImageRecord("b.jpg", 1024, 768, [HeadAnnotation((12.0, 14.0), (5.0, 2.0, 19.0, 24.0), 0.3)]),
    ]


def test_coco_round_trip_keeps_every_field(tmp_path):
    path = tmp_path / "annotations.json"
    write_coco(path, sample_records())
    assert read_coco(path) == sample_records()


def test_coco_layout_uses_xywh_boxes_keypoints_and_the_waldo_category(tmp_path):
    path = tmp_path / "annotations.json"
    write_coco(path, sample_records())
    document = json.loads(path.read_text())
    assert [c["name"] for c in document["categories"]] == ["waldo"]
    first = document["annotations"][0]
    assert first["bbox"] == [95.0, 40.0, 21.0, 32.5]
    assert first["keypoints"] == [105.5, 60.25, 2] and first["num_keypoints"] == 1
    assert first["visible"] == 0.8 and first["category_id"] == document["categories"][0]["id"]
    assert len(document["images"]) == 3


def test_csv_round_trip_keeps_boxes_and_uses_box_centres_as_points(tmp_path):
    path = tmp_path / "annotations.csv"
    write_csv(path, sample_records())
    records = read_csv(path)
    assert [r.file_name for r in records] == ["a.png", "b.jpg"]
    assert [h.box for h in records[0].heads] == [(95.0, 40.0, 116.0, 72.5), (290.0, 185.0, 310.0, 215.0)]
    assert records[0].heads[0].point == (105.5, 56.25)
    assert path.read_text().splitlines()[0] == "filename,xmin,ymin,xmax,ymax"


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not valid JSON"),
    ('{"annotations": []}', "'images' list"),
    ('{"images": [{"id": 1, "file_name": "a.png"}], "annotations": [{"id": 7, "image_id": 2, "bbox": [1, 2, 3, 4]}]}',
     "unknown image_id"),
    ('{"images": [{"id": 1, "file_name": "a.png"}], "annotations": [{"id": 7, "image_id": 1, "bbox": [1, 2]}]}',
     "bbox must be a list of 4 numbers"),
])
def test_broken_coco_files_name_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as error:
        read_coco(path)
    assert "broken.json" in str(error.value)


@pytest.mark.parametrize(("content", "message"), [
    ("name,x0,y0\na.png,1,2\n", "missing CSV columns"),
    ("filename,xmin,ymin,xmax,ymax\na.png,1,2,three,4\n", "line 2: box values must be numbers"),
    ("filename,xmin,ymin,xmax,ymax\na.png,10,2,5,4\n", "line 2: box must have xmax > xmin"),
])
def test_broken_csv_files_name_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as error:
        read_csv(path)
    assert "broken.csv" in str(error.value)


def test_missing_files_are_reported_as_value_errors(tmp_path):
    with pytest.raises(ValueError, match="file not found"):
        read_coco(tmp_path / "nope.json")
    with pytest.raises(ValueError, match="file not found"):
        read_csv(tmp_path / "nope.csv")
