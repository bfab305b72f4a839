#!/usr/bin/env python3
"""Checks that every ```yaml block of the rule-language reference is real, tested rule text.

Each ```yaml block in docs/rule-language.md must appear verbatim, as whole consecutive lines,
in some file under docs/examples/ (trailing whitespace on each line is ignored). The rule sets
under docs/examples/ are themselves run by `tiaoli check` and `tiaoli test` (ctest), so an
example in the reference cannot drift from what the engine accepts.

Usage: check_doc_examples.py [--doc FILE] [--examples DIR]
Exit status: 0 when every block is found, 1 otherwise (each missing block is listed).
Standard library only.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([A-Za-z0-9_+-]*)")


def normalize(text):
    """Lines without trailing whitespace, joined by newlines, no leading/trailing blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def yaml_blocks(markdown):
    """Yields (line number of the opening fence, block text) for every ```yaml block."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, language = match.groups()
        start = i
        body = []
        i += 1
        while i < len(lines):
            close = lines[i].strip()
            if close.startswith(fence[0] * len(fence)) and close.strip(fence[0]) == "":
                break
            # Blocks inside list items are indented; the indentation is not part of the YAML.
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        i += 1
        if language.lower() in ("yaml", "yml"):
            yield start + 1, "\n".join(body)


def example_texts(examples_dir):
    texts = {}
    for folder, _dirs, files in os.walk(examples_dir):
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                with open(path, encoding="utf-8") as handle:
                    texts[path] = "\n" + normalize(handle.read()) + "\n"
            except (UnicodeDecodeError, OSError):
                continue
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc", default=os.path.join(ROOT, "docs", "rule-language.md"))
    parser.add_argument("--examples", default=os.path.join(ROOT, "docs", "examples"))
    args = parser.parse_args()

    with open(args.doc, encoding="utf-8") as handle:
        markdown = handle.read()
    texts = example_texts(args.examples)
    if not texts:
        print(f"{args.examples}: no example files", file=sys.stderr)
        return 1

    blocks = list(yaml_blocks(markdown))
    if not blocks:
        print(f"{args.doc}: no ```yaml blocks found", file=sys.stderr)
        return 1
    missing = 0
    for line, block in blocks:
        wanted = normalize(block)
        if not wanted:
            print(f"{args.doc}:{line}: empty ```yaml block", file=sys.stderr)
            missing += 1
            continue
        needle = "\n" + wanted + "\n"
        if not any(needle in text for text in texts.values()):
            missing += 1
            first = wanted.split("\n")[0]
            print(f"{args.doc}:{line}: this ```yaml block is not copied verbatim from any file under "
                  f"{args.examples} (first line: {first!r}); copy it from the example rule set, "
                  f"or change the example and run its tests", file=sys.stderr)
    print(f"{len(blocks) - missing} of {len(blocks)} yaml blocks found in {args.examples}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
