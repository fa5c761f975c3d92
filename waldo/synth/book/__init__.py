"""Book pages: edge-to-edge themed crowds of posed, ink-lined figures, printed and scanned (the `book` preset).

`render_book_page(config, seed)` draws one; `waldo.synth.render_scene` calls it for a scene config
whose `kind` is `book` (configs/data/scene/book.yaml, docs/book_scenes.md). Rooms:

- figures: skeleton, poses, body_frame, body, garments, costumes, held_props, head_shape, heads, hair,
  hats, figure (one figure placed and painted), program (drawings as replayable OpenCV calls),
  materials (palette slots), warmup (every cached drawing built up front)
- the world: themes, colours, grounds, skyline, scenery, nature, animals, text_boxes
- composition: perspective, packing, casting, dressing, depth_order, page, waldo_on_page
- style and print: style (the page's drawn look), print_stage
- showcase: the contact sheet and close-up in docs/images
"""

from waldo.synth.book.config import BookConfig, validate_book_config
from waldo.synth.book.page import render_book_page

__all__ = ["BookConfig", "render_book_page", "validate_book_config"]
