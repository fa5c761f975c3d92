"""The shapes of the JSON API's answers, so ``/docs`` shows them and every answer is checked against them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class DetectionOut(BaseModel):
    """One Waldo, as in detections.json: the centre of his face, his head box, its height, the waldoness."""

    x: float
    y: float
    score: float = Field(description="waldoness, 0-1")
    box: list[float] = Field(description="x0, y0, x1, y1 around the head, px")
    head_height: float


class PictureRecord(BaseModel):
    """One picture of detections.json: what ``waldo-detect`` writes for it."""

    path: str = Field(description="the upload's file name (a label; the server never opens it)")
    width: int
    height: int
    seconds: float = Field(description="the network's time on this picture")
    detections: list[DetectionOut] = Field(description="Waldos at or above the threshold, best first")


class CandidateOut(DetectionOut):
    """A detection as the page lists it, with the heatmap cell under it and the window that cell sees."""

    waldo: bool = Field(description="score at or above the detection threshold")
    cell: list[int] = Field(description="column, row of the heatmap cell")
    cell_box: list[float] = Field(description="that cell's share of the picture, x0, y0, x1, y1 px")
    window: list[float] = Field(description="the cell's receptive field on the picture, x0, y0, x1, y1 px")


class HeatLayerOut(BaseModel):
    png: str = Field(description="data: URL of a PNG with one pixel per heatmap cell")
    box: list[float] = Field(description="where that PNG lies on the picture, x0, y0, x1, y1 px")


class InspectOut(BaseModel):
    """Everything the page shows for one picture."""

    record: PictureRecord
    candidates: list[CandidateOut] = Field(description="best first, down to candidate_threshold")
    heat: HeatLayerOut
    threshold: float
    candidate_threshold: float
    receptive_field: int = Field(description="px a heatmap cell sees, per axis")
    jump: float = Field(description="px between neighbouring heatmap cells")


class SavedOut(BaseModel):
    file_name: str = Field(description="the name the server gave the picture in the annotations folder")
    heads: int
    replaced: bool = Field(description="this picture had been saved before; its old heads were replaced")
    pictures: int = Field(description="pictures annotated in the folder now")
    folder: str


class HealthOut(BaseModel):
    status: str
    model: str
    threshold: float
    candidate_threshold: float
    annotations_dir: str
    saved_pictures: int
    max_upload_mb: float
    max_megapixels: float
