"""The realism gauge: the measurement itself, the real pages' numbers, and the comparison run in quick mode."""

import subprocess
import sys

import cv2
import numpy as np
import pytest

from conftest import SCRIPTS
from waldo.benchmarks.realism import (
    NUMBERS,
    at_head_scale,
    compare,
    drawn_scenes,
    format_rows,
    gauge,
    main,
    medians,
    page_numbers,
    picture_numbers,
    real_pages,
)


def test_a_blank_page_is_all_flat_and_a_busy_one_is_not():
    blank = np.full((128, 128, 3), 230, np.uint8)
    numbers = page_numbers(blank)
    assert numbers["flat"] == 1.0 and numbers["edges"] == 0.0 and numbers["ink"] == 0.0 and numbers["detail"] == 0.0
    assert numbers["colours"] == 1.0 and numbers["white"] == 1.0
    busy = blank.copy()
    for x in range(0, 128, 6):
        cv2.line(busy, (x, 0), (x, 127), (0, 0, 0), 2)
    lined = page_numbers(busy)
    assert lined["flat"] < 0.1 and lined["edges"] > 0.2 and lined["ink"] > 0.2 and lined["detail"] > 100


def test_red_white_stripes_are_counted_only_where_red_meets_white():
    stripes = np.zeros((64, 64, 3), np.uint8)
    stripes[::8] = stripes[1::8] = stripes[2::8] = stripes[3::8] = (40, 40, 210)  # BGR red bands
    stripes[4::8] = stripes[5::8] = stripes[6::8] = stripes[7::8] = (250, 250, 250)
    assert page_numbers(stripes)["stripes"] > 0.5
    solid_red = np.zeros_like(stripes)
    solid_red[:] = (40, 40, 210)
    numbers = page_numbers(solid_red)
    assert numbers["stripes"] == 0.0 and numbers["red"] == 1.0


def test_pictures_are_compared_at_a_32_px_head():
    picture = np.zeros((300, 400, 3), np.uint8)
    assert at_head_scale(picture, [64.0, 60.0, 68.0]).shape[:2] == (150, 200)
    assert at_head_scale(picture, [16.0]).shape[:2] == (600, 800)
    assert picture_numbers([(picture, [])]) == []  # unannotated pictures are not measured
    with pytest.raises(ValueError, match="at least one annotated head"):
        at_head_scale(picture, [])


def test_the_real_pages_hold_ten_numbers_as_percentiles():
    real = real_pages()
    assert real["pictures"] == 50
    for name in NUMBERS:
        assert real[name]["p10"] <= real[name]["median"] <= real[name]["p90"]


def test_the_comparison_flags_what_lies_outside_the_real_range():
    real = real_pages()
    ours = {name: real[name]["median"] for name in NUMBERS}
    ours["flat"] = real["flat"]["p90"] * 2
    rows = {row["number"]: row for row in compare(ours, real)}
    assert rows["edges"]["in_range"] and rows["edges"]["within_25pct"]
    assert not rows["flat"]["in_range"] and not rows["flat"]["within_25pct"]
    assert rows["detail"]["within_25pct"] is None  # only edges, flat, white and colours have the 25% target
    table = format_rows(list(rows.values()), "ours")
    assert len(table.splitlines()) == 1 + len(NUMBERS) and "NO" in table


def test_the_gauge_runs_on_drawn_book_pages_in_quick_mode(capsys):
    main(["--quick"])
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split()[:2] == ["number", "real"]
    assert [line.split()[0] for line in printed[1:]] == list(NUMBERS)
    rows = gauge("book", 2, seed=1, size=(256, 192))
    assert {row["number"] for row in rows} == set(NUMBERS) and all(np.isfinite(row["ours"]) for row in rows)


def test_drawn_scenes_have_waldos_to_scale_by():
    scenes = drawn_scenes("book", 2, seed=3, size=(200, 150))
    assert len(scenes) == 2 and all(heads for _, heads in scenes)
    assert set(medians(picture_numbers(scenes))) == set(NUMBERS)


def test_a_bad_scene_count_is_refused_with_one_line(capsys):
    with pytest.raises(SystemExit):
        main(["--scenes", "0"])
    assert "--scenes must be at least 1" in capsys.readouterr().err


def test_the_script_runs_the_gauge():
    run = subprocess.run([sys.executable, str(SCRIPTS / "realism.py"), "--quick", "--json"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert '"number": "edges"' in run.stdout
