// Zoom and pan over a picture of any size, and which picture pixel the pointer is on.
// Picture coordinates are the server's: the centre of pixel i is at i, so the marks' SVG
// viewBox starts at -0.5 and a pixel spans i - 0.5 .. i + 0.5.

const MAX_SCALE = 16;        // screen px per picture px at the closest zoom
const CLICK_SLOP = 4;        // screen px a press may move and still count as a click
const WHEEL_RATE = 0.0015;   // zoom factor per wheel delta unit, exponentiated
const PIXELATED_FROM = 4;    // from this zoom on, show picture pixels as squares rather than blurred

export class Viewer {
  constructor({ viewer, stage, picture, marks, onZoom, onPick, onDraw }) {
    Object.assign(this, { viewer, stage, picture, marks, onZoom, onPick, onDraw });
    this.width = 0;
    this.height = 0;
    this.scale = 1;
    this.tx = 0;
    this.ty = 0;
    this.drawMode = false;
    this.press = null;
    viewer.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    viewer.addEventListener("pointerdown", (e) => this.down(e));
    viewer.addEventListener("pointermove", (e) => this.move(e));
    viewer.addEventListener("pointerup", (e) => this.up(e));
    viewer.addEventListener("pointercancel", () => this.cancel());
    viewer.addEventListener("keydown", (e) => this.key(e));
    new ResizeObserver(() => this.width && this.clampAndApply()).observe(viewer);
  }

  /** A new picture of width x height pixels is shown: size the marks to it and fit it in. */
  show(width, height) {
    this.width = width;
    this.height = height;
    this.marks.setAttribute("width", width);
    this.marks.setAttribute("height", height);
    this.marks.setAttribute("viewBox", `-0.5 -0.5 ${width} ${height}`);
    this.stage.hidden = false;
    this.fit();
  }

  fitScale() {
    return Math.min(this.viewer.clientWidth / this.width, this.viewer.clientHeight / this.height);
  }

  fit() {
    this.scale = this.fitScale();
    this.tx = (this.viewer.clientWidth - this.width * this.scale) / 2;
    this.ty = (this.viewer.clientHeight - this.height * this.scale) / 2;
    this.apply();
  }

  clampAndApply() {
    this.scale = Math.min(Math.max(this.scale, this.fitScale() / 2), MAX_SCALE);
    this.apply();
  }

  apply() {
    this.stage.style.transform = `translate(${this.tx}px, ${this.ty}px) scale(${this.scale})`;
    this.picture.classList.toggle("pixelated", this.scale >= PIXELATED_FROM);
    this.onZoom(this.scale);
  }

  /** Zoom by `factor`, keeping the point under viewer coordinates (cx, cy) where it is. */
  zoomAt(factor, cx = this.viewer.clientWidth / 2, cy = this.viewer.clientHeight / 2) {
    if (!this.width) return;
    const scale = Math.min(Math.max(this.scale * factor, this.fitScale() / 2), MAX_SCALE);
    this.tx = cx - (cx - this.tx) * (scale / this.scale);
    this.ty = cy - (cy - this.ty) * (scale / this.scale);
    this.scale = scale;
    this.apply();
  }

  /** Put picture point (x, y) in the middle of the viewer, with `span` picture px filling most of its short side. */
  centreOn(x, y, span) {
    const side = Math.min(this.viewer.clientWidth, this.viewer.clientHeight);
    this.scale = Math.min(Math.max((0.8 * side) / span, this.fitScale()), MAX_SCALE);
    this.tx = this.viewer.clientWidth / 2 - (x + 0.5) * this.scale;
    this.ty = this.viewer.clientHeight / 2 - (y + 0.5) * this.scale;
    this.apply();
  }

  /** The picture coordinates under a pointer event. */
  toPicture(event) {
    const rect = this.viewer.getBoundingClientRect();
    return [(event.clientX - rect.left - this.tx) / this.scale - 0.5, (event.clientY - rect.top - this.ty) / this.scale - 0.5];
  }

  wheel(event) {
    if (!this.width) return;
    event.preventDefault();
    const rect = this.viewer.getBoundingClientRect();
    this.zoomAt(Math.exp(-event.deltaY * WHEEL_RATE), event.clientX - rect.left, event.clientY - rect.top);
  }

  key(event) {
    const actions = { "+": () => this.zoomAt(1.25), "=": () => this.zoomAt(1.25), "-": () => this.zoomAt(0.8), 0: () => this.fit() };
    if (this.width && actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  down(event) {
    if (!this.width || event.button !== 0) return;
    this.viewer.setPointerCapture(event.pointerId);
    this.viewer.focus({ preventScroll: true });
    this.press = { x: event.clientX, y: event.clientY, tx: this.tx, ty: this.ty, target: event.target, start: this.toPicture(event), drawing: this.drawMode };
    this.viewer.classList.toggle("dragging", !this.drawMode);
  }

  moved(event) {
    return Math.hypot(event.clientX - this.press.x, event.clientY - this.press.y) > CLICK_SLOP;
  }

  move(event) {
    if (!this.press) return;
    if (this.press.drawing) {
      this.onDraw(this.press.start, this.toPicture(event), { done: false, click: !this.moved(event) });
      return;
    }
    this.tx = this.press.tx + event.clientX - this.press.x;
    this.ty = this.press.ty + event.clientY - this.press.y;
    this.apply();
  }

  up(event) {
    if (!this.press) return;
    const press = this.press;
    const click = !this.moved(event);
    this.cancel();
    if (press.drawing) {
      this.onDraw(press.start, this.toPicture(event), { done: true, click });
    } else if (click && press.target.dataset && press.target.dataset.index !== undefined) {
      this.onPick(Number(press.target.dataset.index));
    }
  }

  cancel() {
    this.press = null;
    this.viewer.classList.remove("dragging");
  }
}
