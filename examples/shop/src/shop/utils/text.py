"""Plain-text formatting for reports and the command line."""

__all__ = ["slugify", "table"]


def slugify(text: str) -> str:
    """Lower-case ``text`` and join its words with dashes."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Render rows as a left-aligned text table under a header line."""
    widths = [len(h) for h in headers]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, want {len(headers)}")
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
        for line in lines
    )
