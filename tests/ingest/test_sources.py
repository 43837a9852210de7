"""iter_sources: folders, @LIST files, URLs and paths."""

from __future__ import annotations

import pytest

from walkback.errors import InputError
from walkback.ingest import iter_sources


def test_folders_are_expanded_recursively_and_sorted(tmp_path, write):
    wanted = ["b.txt", "a.html", "sub/c.HTM", "sub/d.xhtml", "sub/e.text", "z/f.txt"]
    skipped = ["notes.md", "image.png", ".hidden.txt", ".git/config.txt", "sub/.x/y.txt"]
    for name in wanted + skipped:
        write(name, "x")
    found = list(iter_sources([str(tmp_path)]))
    rel = [p[len(str(tmp_path)) + 1 :] for p in found]
    assert rel == ["a.html", "b.txt", "sub/c.HTM", "sub/d.xhtml", "sub/e.text", "z/f.txt"]


def test_urls_files_and_missing_paths_pass_through(tmp_path, write):
    f = write("one.txt", "x")
    args = ["https://example.com/a", str(f), str(tmp_path / "missing.txt"), "HTTP://Example.com/b"]
    assert list(iter_sources(args)) == args


def test_list_file(tmp_path, write):
    write("dir/x.txt", "x")
    listing = write(
        "list.txt",
        f"# sources\n\nhttps://example.com/a\n  {tmp_path / 'dir'}  \n{tmp_path / 'missing.txt'}\n",
    )
    assert list(iter_sources([f"@{listing}", "https://example.com/b"])) == [
        "https://example.com/a",
        str(tmp_path / "dir" / "x.txt"),
        str(tmp_path / "missing.txt"),
        "https://example.com/b",
    ]


def test_missing_list_file(tmp_path):
    with pytest.raises(InputError, match="no such list file") as info:
        list(iter_sources([f"@{tmp_path / 'nope.txt'}"]))
    assert info.value.source == str(tmp_path / "nope.txt")


def test_empty_folder_yields_nothing(tmp_path):
    assert list(iter_sources([str(tmp_path)])) == []
