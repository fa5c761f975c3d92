// The page: send a picture to the server, show what it found, and save the user's corrections.
// Everything is drawn in the picture's own pixel coordinates (see viewer.js), the same the
// server answers in and saves.

import { Viewer } from "./viewer.js";

const SVG = "http://www.w3.org/2000/svg";
const DEFAULT_HEAD = 24;   // px: a clicked head's height when there are no candidates to size it by
const MIN_HEAD = 6;        // px: the smallest head a drag draws
const BOX_ASPECT = 0.9;    // head box width / height, as the detector's boxes
const LABEL_PX = 13;       // screen px of the score labels, whatever the zoom

const $ = (id) => document.getElementById(id);
const state = { file: null, data: null, pictureUrl: null, verdicts: [], drawn: [], pending: null, noWaldo: false, selected: -1, busy: false };

const viewer = new Viewer({
  viewer: $("viewer"),
  stage: $("stage"),
  picture: $("picture"),
  marks: $("marks"),
  onZoom: (scale) => {
    $("marks").style.fontSize = `${LABEL_PX / scale}px`;
    $("zoom-level").textContent = `${Math.round(scale * 100)}%`;
  },
  onPick: (index) => select(index),
  onDraw: drawHead,
});

function element(name, attributes = {}, text = "") {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function html(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** POST a form; the answer's JSON, or an Error carrying the server's one-line reason. */
async function post(path, form) {
  let response;
  try {
    response = await fetch(path, { method: "POST", body: form });
  } catch {
    throw new Error("the server did not answer: is waldo-serve still running?");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : `${response.status} ${response.statusText}`;
    throw new Error(detail);
  }
  return body;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function setBusy(busy, text = "") {
  state.busy = busy;
  $("working").hidden = !busy;
  $("working-text").textContent = text;
  $("viewer").setAttribute("aria-busy", String(busy));
  updateSave();
}

/** Show `url` in the viewer; false if this browser cannot draw that kind of picture. */
function loadPicture(url) {
  return new Promise((resolve) => {
    const picture = $("picture");
    picture.onload = () => resolve(true);
    picture.onerror = () => resolve(false);
    picture.src = url;
  });
}

async function find(file) {
  if (state.busy || !file) return;
  showError("");
  setBusy(true, `Looking for Waldo in ${file.name}…`);
  const started = performance.now();
  try {
    const form = new FormData();
    form.append("file", file, file.name);
    const data = await post("/api/inspect", form);
    if (state.pictureUrl) URL.revokeObjectURL(state.pictureUrl);
    state.pictureUrl = URL.createObjectURL(file);
    if (!(await loadPicture(state.pictureUrl))) {
      const png = await fetch("/api/picture", { method: "POST", body: form });  // tiff and such: the server's decoding, as PNG
      if (!png.ok || !(await loadPicture((state.pictureUrl = URL.createObjectURL(await png.blob()))))) throw new Error(`this browser cannot show ${file.name}`);
    }
    Object.assign(state, { file, data, verdicts: data.candidates.map(() => null), drawn: [], pending: null, noWaldo: false, selected: -1 });
    $("no-waldo").checked = false;
    $("save-status").textContent = "";
    $("drop-hint").hidden = true;
    viewer.show(data.record.width, data.record.height);
    renderAll((performance.now() - started) / 1000);
  } catch (error) {
    showError(error.message);
  } finally {
    setBusy(false);
  }
}

function summary(totalSeconds) {
  const { record, candidates, threshold } = state.data;
  const waldos = record.detections;
  const best = waldos[0];
  const found = waldos.length === 0
    ? `No Waldo at waldoness ${threshold} or more` + (candidates.length ? `; ${candidates.length} weaker candidate(s) below.` : ".")
    : `${waldos.length} Waldo${waldos.length > 1 ? "s" : ""}, best ${best.score.toFixed(2)} at (${Math.round(best.x)}, ${Math.round(best.y)}).`;
  $("summary").replaceChildren(
    html("p", {}, html("strong", {}, record.path), ` ${record.width}×${record.height}`),
    html("p", { id: "found" }, found),
    html("p", { class: "time", id: "timing" }, `network ${record.seconds.toFixed(2)} s, ${totalSeconds.toFixed(2)} s in all`),
  );
}

function renderCandidates() {
  const items = state.data.candidates.map((c, i) => {
    const verdict = state.verdicts[i];
    const mark = (value, label, kind) => html("button", {
      type: "button", class: kind, "aria-pressed": String(verdict === value), title: `mark candidate ${i + 1} ${label}`,
      onclick: () => setVerdict(i, verdict === value ? null : value),
    }, label);
    const bar = html("span", { class: "bar" }, html("span", { style: `width: ${Math.round(c.score * 100)}%` }));
    return html("li", { class: [c.waldo ? "" : "weak", i === state.selected ? "selected" : ""].join(" ").trim() },
      html("button", { type: "button", class: "focus", title: "look closer", onclick: () => select(i) },
        html("span", { class: "rank" }, `${i + 1}.`), bar, html("span", { class: "score" }, c.score.toFixed(2)),
        html("span", { class: "where" }, `(${Math.round(c.x)}, ${Math.round(c.y)})`)),
      html("span", { class: "verdict" }, mark("yes", "Waldo", "yes"), " ", mark("no", "not", "no")));
  });
  $("candidates").replaceChildren(...items);
  if (!items.length) $("candidates").append(html("li", {}, "none"));
}

function circleClass(c, i) {
  const kind = i === 0 && c.waldo ? "best" : c.waldo ? "other" : "weak";
  const verdict = { yes: "yes", no: "no" }[state.verdicts[i]] || "";
  return [kind, verdict, i === state.selected ? "selected" : ""].join(" ").trim();
}

function renderMarks() {
  const marks = $("marks");
  const { candidates, heat, receptive_field: field } = state.data;
  const [hx0, hy0, hx1, hy1] = heat.box;
  const layer = element("image", { class: "heat", href: heat.png, x: hx0, y: hy0, width: hx1 - hx0, height: hy1 - hy0, preserveAspectRatio: "none" });
  layer.style.display = $("show-heat").checked ? "" : "none";
  const shapes = [layer];
  if (state.selected >= 0) {
    const c = candidates[state.selected];
    const [wx0, wy0, wx1, wy1] = c.window;
    const [cx0, cy0, cx1, cy1] = c.cell_box;
    shapes.push(element("rect", { class: "window", x: wx0, y: wy0, width: wx1 - wx0, height: wy1 - wy0 }),
      element("rect", { class: "cell", x: cx0, y: cy0, width: cx1 - cx0, height: cy1 - cy0 }),
      element("text", { x: wx0, y: wy0, dy: "-0.4em" }, `what the network saw: ${field}×${field} px`));
  }
  for (let i = candidates.length - 1; i >= 0; i--) {  // the best last, so on top
    const c = candidates[i];
    const r = Math.max(8, 0.8 * c.head_height);
    const kind = circleClass(c, i);
    shapes.push(element("circle", { class: `outline ${kind}`, cx: c.x, cy: c.y, r }),
      element("circle", { class: kind, cx: c.x, cy: c.y, r, "data-index": i }),
      element("text", { x: c.x - r, y: c.y - r, dy: "-0.3em" }, (i === 0 && c.waldo ? "best " : "") + c.score.toFixed(2)));
  }
  for (const head of [...state.drawn, ...(state.pending ? [state.pending] : [])]) {
    const [x0, y0, x1, y1] = head.box;
    shapes.push(element("rect", { class: "drawn", x: x0, y: y0, width: x1 - x0, height: y1 - y0 }));
  }
  marks.replaceChildren(...shapes);
}

function renderDrawn() {
  $("drawn").replaceChildren(...state.drawn.map((head, i) => html("li", {},
    `your head ${i + 1} at (${Math.round(head.point[0])}, ${Math.round(head.point[1])}), ${Math.round(head.box[3] - head.box[1])} px`,
    html("button", { type: "button", onclick: () => { state.drawn.splice(i, 1); renderAll(); } }, "remove"))));
}

function renderAll(totalSeconds) {
  if (!state.data) return;
  if (totalSeconds !== undefined) summary(totalSeconds);
  renderCandidates();
  renderMarks();
  renderDrawn();
  updateSave();
}

function select(index) {
  state.selected = index;
  const c = state.data.candidates[index];
  viewer.centreOn(c.x, c.y, c.window[2] - c.window[0]);
  renderAll();
}

function setVerdict(index, verdict) {
  state.verdicts[index] = verdict;
  if (verdict === "yes") setNoWaldo(false);
  renderAll();
}

function setNoWaldo(on) {
  state.noWaldo = on;
  $("no-waldo").checked = on;
  if (on) {  // no Waldo contradicts every Waldo marked so far
    state.verdicts = state.verdicts.map((v) => (v === "yes" ? "no" : v));
    state.drawn = [];
  }
}

function typicalHead() {
  const sizes = state.data.candidates.map((c) => c.head_height).sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : DEFAULT_HEAD;
}

/** Press on Waldo's face, drag outwards for his head's half height; a click uses a typical head size. */
function drawHead(start, end, { done, click }) {
  if (!state.data) return;
  const size = click ? typicalHead() : Math.max(MIN_HEAD, 2 * Math.hypot(end[0] - start[0], end[1] - start[1]));
  const [x, y] = start;
  const head = { point: [x, y], box: [x - (BOX_ASPECT * size) / 2, y - size / 2, x + (BOX_ASPECT * size) / 2, y + size / 2] };
  state.pending = done ? null : head;
  const inside = x >= -0.5 && y >= -0.5 && x <= state.data.record.width - 0.5 && y <= state.data.record.height - 0.5;
  if (done && inside) {
    state.drawn.push(head);
    setNoWaldo(false);
  }
  renderAll();
}

function headsToSave() {
  if (state.noWaldo) return [];
  const marked = state.data.candidates.filter((_, i) => state.verdicts[i] === "yes").map((c) => ({ box: c.box, point: [c.x, c.y] }));
  return [...marked, ...state.drawn];
}

function updateSave() {
  const button = $("save");
  const ready = Boolean(state.data) && (state.noWaldo || headsToSave().length > 0);
  button.disabled = state.busy || !ready;
  const count = state.data && !state.noWaldo ? headsToSave().length : 0;
  button.textContent = state.noWaldo ? "Save: no Waldo here" : `Save ${count} Waldo head${count === 1 ? "" : "s"}`;
}

async function save() {
  const form = new FormData();
  form.append("file", state.file, state.file.name);
  form.append("heads", JSON.stringify(headsToSave()));
  showError("");
  setBusy(true, "Saving…");
  try {
    const saved = await post("/api/annotations", form);
    $("save-status").textContent = `Saved ${saved.file_name} with ${saved.heads} head(s)` +
      `${saved.replaced ? ", replacing this picture's earlier save" : ""}; ${saved.pictures} picture(s) in ${saved.folder}.`;
    refreshInfo();
  } catch (error) {
    showError(error.message);
  } finally {
    setBusy(false);
  }
}

async function refreshInfo() {
  try {
    const info = await (await fetch("/api/health")).json();
    $("server-info").textContent = `model ${info.model} · Waldo at ${info.threshold}+, candidates from ${info.candidate_threshold} · ` +
      `saving to ${info.annotations_dir} (${info.saved_pictures} picture(s))`;
    $("limits").textContent = `up to ${info.max_upload_mb} MB and ${info.max_megapixels} megapixels`;
  } catch {
    $("server-info").textContent = "the server does not answer";
  }
}

$("picker").addEventListener("change", (e) => { find(e.target.files[0]); e.target.value = ""; });
$("zoom-in").addEventListener("click", () => viewer.zoomAt(1.25));
$("zoom-out").addEventListener("click", () => viewer.zoomAt(0.8));
$("zoom-fit").addEventListener("click", () => viewer.fit());
$("show-heat").addEventListener("change", () => renderAll());
$("draw-mode").addEventListener("change", (e) => {
  viewer.drawMode = e.target.checked;
  $("viewer").classList.toggle("drawing", e.target.checked);
});
$("no-waldo").addEventListener("change", (e) => { setNoWaldo(e.target.checked); renderAll(); });
$("save").addEventListener("click", save);
document.addEventListener("dragover", (e) => { e.preventDefault(); $("viewer").classList.add("drop-target"); });
document.addEventListener("dragleave", (e) => { if (!e.relatedTarget) $("viewer").classList.remove("drop-target"); });
document.addEventListener("drop", (e) => {
  e.preventDefault();
  $("viewer").classList.remove("drop-target");
  const files = e.dataTransfer ? [...e.dataTransfer.files] : [];
  if (files.length) find(files[0]);
});
refreshInfo();
