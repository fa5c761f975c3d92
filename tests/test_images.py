"""Whatever picture file a user has becomes RGB uint8, or one line naming the file and the problem."""

import cv2
import numpy as np
import pytest
from PIL import Image

from waldo.pictures.files import collect_pictures, read_image, to_rgb8, write_image

RGB = np.random.default_rng(0).integers(0, 256, (40, 60, 3), dtype=np.uint8)


def test_grey_becomes_three_equal_channels(tmp_path):
    grey = RGB[..., 0]
    cv2.imwrite(str(tmp_path / "g.png"), grey)
    out = read_image(tmp_path / "g.png")
    assert out.shape == (40, 60, 3) and out.dtype == np.uint8
    assert np.array_equal(out[..., 0], grey) and np.array_equal(out[..., 2], grey)
    assert np.array_equal(to_rgb8(grey[..., None]), out)


def test_colour_comes_back_in_rgb_order(tmp_path):
    write_image(tmp_path / "c.png", RGB)
    assert np.array_equal(read_image(tmp_path / "c.png"), RGB)


def test_transparent_pixels_are_composited_on_white(tmp_path):
    rgba = np.dstack([RGB, np.zeros((40, 60), np.uint8)])
    rgba[:20, :, 3] = 255
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    out = read_image(tmp_path / "a.png")
    assert np.array_equal(out[:20], RGB[:20]) and (out[20:] == 255).all()
    grey_alpha = np.dstack([RGB[..., 0], np.zeros((40, 60), np.uint8)])
    assert (to_rgb8(grey_alpha) == 255).all()


def test_sixteen_bit_is_scaled_to_eight(tmp_path):
    deep = (RGB.astype(np.uint16) * 257)[..., ::-1]
    cv2.imwrite(str(tmp_path / "d.png"), deep)
    cv2.imwrite(str(tmp_path / "d.tif"), deep)
    assert np.array_equal(read_image(tmp_path / "d.png"), RGB)
    assert np.array_equal(read_image(tmp_path / "d.tif"), RGB)


def test_palette_and_float_pictures(tmp_path):
    Image.fromarray(RGB).convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(tmp_path / "p.png")
    assert read_image(tmp_path / "p.png").shape == (40, 60, 3)
    assert np.array_equal(to_rgb8(RGB / 255.0), RGB)


def test_write_image_never_overwrites(tmp_path):
    write_image(tmp_path / "x.png", RGB)
    with pytest.raises(FileExistsError, match="x.png"):
        write_image(tmp_path / "x.png", RGB)


def test_a_truncated_jpeg_is_refused_by_name(tmp_path):
    data = cv2.imencode(".jpg", RGB)[1].tobytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ValueError, match=r"cut\.jpg is truncated"):
        read_image(tmp_path / "cut.jpg")
    (tmp_path / "tail.jpg").write_bytes(data + b"camera trailer")  # bytes after the end marker are fine
    assert read_image(tmp_path / "tail.jpg").shape == (40, 60, 3)


def test_a_truncated_png_is_refused_by_name(tmp_path):
    data = cv2.imencode(".png", RGB)[1].tobytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=r"cut\.png is truncated: the PNG stops before its end chunk"):
        read_image(tmp_path / "cut.png")


@pytest.mark.parametrize(
    "name, content, error, message",
    [
        ("notes.png", b"these are words, not pixels", ValueError, "notes.png could not be decoded"),
        ("empty.jpg", b"", ValueError, "empty.jpg is an empty file"),
    ],
)
def test_files_that_are_not_pictures(tmp_path, name, content, error, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(error, match=message):
        read_image(tmp_path / name)


def test_missing_picture_and_folder_given_as_picture(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.png does not exist"):
        read_image(tmp_path / "nope.png")
    with pytest.raises(IsADirectoryError, match="is a folder"):
        read_image(tmp_path)


def test_bad_arrays_are_named():
    with pytest.raises(ValueError, match="shape"):
        to_rgb8(np.zeros((4, 4, 5), np.uint8))
    with pytest.raises(ValueError, match="empty"):
        to_rgb8(np.zeros((0, 4, 3), np.uint8))
    with pytest.raises(ValueError, match="int64"):
        to_rgb8(np.zeros((4, 4, 3), np.int64))


def test_collect_pictures_from_folder_glob_and_file(tmp_path):
    for name in ("b.PNG", "a.jpg", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in collect_pictures(tmp_path)] == ["a.jpg", "b.PNG"]
    assert [p.name for p in collect_pictures(str(tmp_path / "*.jpg"))] == ["a.jpg"]
    assert collect_pictures(tmp_path / "notes.txt") == [tmp_path / "notes.txt"]
    with pytest.raises(FileNotFoundError, match="holds no pictures"):
        collect_pictures(tmp_path / "sub")
    with pytest.raises(FileNotFoundError, match="no pictures match"):
        collect_pictures(str(tmp_path / "*.webp"))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        collect_pictures(tmp_path / "missing")
