"""Write docs/images/book_contact_sheet.jpg and docs/images/book_zoom.png (waldo.synth.book.showcase)."""

from pathlib import Path

from waldo.synth.book.showcase import write_book_images

if __name__ == "__main__":
    for path in write_book_images(Path(__file__).resolve().parents[1] / "docs" / "images"):
        print(f"wrote {path}")
