"""What the monthly report's pictures cost to make, and that they are the same pictures.

A chart is laid out and painted in one pass (matplotlib's savefig draws a figure with a layout
engine twice), as an opaque RGB picture: the page behind a chart is white, and an alpha channel
would be carried into the PDF as a second picture, its soft mask. The PDF's text is measured and
written by reportlab's C accelerator (rl-accel): its pure-Python stand-ins took a third of the
PDF's time. What is drawn is checked against matplotlib's own savefig of the same figure."""

from __future__ import annotations

import io
import shutil

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image as PILImage
from pypdf import PdfReader

from core.periods import parse_period
from queries.actor import SYSTEM
from queries.db import Database
from reports import chart_images
from reports.documents import render
from reports.monthly import assemble_report


@pytest.fixture(scope="module")
def october(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("pictures") / "report.duckdb"
    shutil.copyfile(demo_file, path)
    database = Database(path)
    yield assemble_report(database, parse_period("2026-10"), SYSTEM, "Sgt. Dana Reyes")
    database.close()


@pytest.fixture
def fresh(monkeypatch):
    """No picture drawn before: each test draws its own."""
    chart_images.forget_drawn()
    yield
    chart_images.forget_drawn()


def test_each_chart_is_drawn_once(october, fresh, monkeypatch):
    draws = []
    original = Figure.draw

    def counted(self, renderer):
        draws.append(self)
        return original(self, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    images = chart_images.report_images(october)
    drawn = [name for name, image in images.items() if image is not None and image.png is not None]
    assert sorted(drawn) == ["concerns", "map", "programs"]
    assert len(draws) == len(drawn) == len(set(map(id, draws)))


def test_the_pictures_are_opaque_rgb_and_the_pdf_has_no_soft_masks(october, fresh):
    images = chart_images.report_images(october)
    for image in images.values():
        picture = PILImage.open(io.BytesIO(image.png))
        assert picture.mode == "RGB", image.title
        assert picture.info["dpi"] == pytest.approx((chart_images.PRINT_DPI,) * 2, abs=0.1)   # stored per metre
    reader = PdfReader(io.BytesIO(render(october, "pdf", images)))
    objects = [page["/Resources"]["/XObject"][name].get_object() for page in reader.pages
               if "/XObject" in page.get("/Resources", {}) for name in page["/Resources"]["/XObject"]]
    pictures = [o for o in objects if o["/Subtype"] == "/Image"]
    assert len(pictures) == 3 and not any("/SMask" in o for o in pictures)


@pytest.mark.parametrize("name", list(chart_images.CHARTS))
def test_each_picture_is_what_matplotlibs_savefig_draws(october, name):
    """The oracle: the same figure saved by savefig at the print resolution, its opaque alpha dropped."""
    builder = chart_images.CHARTS[name][0]
    with matplotlib.rc_context(chart_images.STYLE):
        ours = np.asarray(PILImage.open(io.BytesIO(chart_images._png(builder(october)[0]))))
        out = io.BytesIO()
        builder(october)[0].savefig(out, format="png", dpi=chart_images.PRINT_DPI)
    theirs = np.asarray(PILImage.open(io.BytesIO(out.getvalue())))
    assert theirs.shape[2] == 4 and (theirs[..., 3] == 255).all()      # savefig's picture is opaque too
    assert ours.shape == theirs[..., :3].shape
    assert (ours == theirs[..., :3]).all()


def test_the_pdf_writer_measures_and_writes_text_in_c():
    from reportlab.lib import rl_accel

    for name in ("fp_str", "unicode2T1", "instanceStringWidthT1", "escapePDF"):
        assert type(getattr(rl_accel, name)).__name__ == "builtin_function_or_method", name
