#!/usr/bin/env python3
"""Every assertion and abort in the project's code is listed, with the reason
no input can reach it, in tests/style/assertions.txt. Fails (exit 1) on one
that is not listed, and on a listed one that is gone. A ctest."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
folders = ["common", "devices", "cost", "scenario", "data", "search", "sim", "study", "cli"]
pattern = re.compile(r"NS_ASSERT|NS_ABORT|NS_FATAL_ERROR|std::abort|[^_a-z]abort\(|[^_a-z]assert\(")

listed = []
for line in (root / "tests/style/assertions.txt").read_text().splitlines():
    if line.startswith("#") or not line.strip():
        continue
    path, start, _why = (part.strip() for part in line.split("|", 2))
    listed.append((path, start))

used = set()
status = 0
for folder in folders:
    for file in sorted((root / folder).rglob("*")):
        if file.suffix not in (".cc", ".cpp", ".h"):
            continue
        path = file.relative_to(root).as_posix()
        for number, text in enumerate(file.read_text(errors="replace").splitlines(), 1):
            if "static_assert" in text or not pattern.search(text):
                continue
            statement = text.strip()
            hits = [entry for entry in listed if entry[0] == path and statement.startswith(entry[1])]
            used.update(hits)
            if not hits:
                print(f"{path}:{number}: unlisted assertion (add it to tests/style/assertions.txt with why no "
                      f"input reaches it): {statement}", file=sys.stderr)
                status = 1
for path, start in listed:
    if (path, start) not in used:
        print(f"tests/style/assertions.txt: listed but not found: {path} | {start}", file=sys.stderr)
        status = 1
sys.exit(status)
