#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ and dictionaries fuzz/<target>.dict from the
repository's rule files (rules/), the golden bad-input corpus (tests/golden/) and the samples
(samples/). Deterministic; rerun after changing those. Seeds are small (each at most MAX_SEED
bytes) so the committed corpora stay well under 2 MB.
Usage: python3 fuzz/make_corpus.py [TARGET...]   (default: every target)"""
import hashlib
import json
import os
import pathlib
import re
import shutil
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
CORPUS = FUZZ / "corpus"
MAX_SEED = 16 * 1024


def yaml_files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))


def write_seed(target, data):
    if len(data) > MAX_SEED:
        return
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


# fuzz_ruleset_loader's input (fuzz/fuzz_ruleset_loader.cpp): byte 0 places the first file over
# fuzz/base (0 = a new file decisions/fuzz.yaml, k = the base's k-th file in sorted path order),
# then its text; each further file starts at a line "=== PATH". libFuzzer runs it with
# -max_len=4096 and would truncate longer seeds, so none is longer.
LOADER_MAX_SEED = 4096
LOADER_MARKER = b"=== "

# A multi-file seed: the golden base's training decision with test cases and a coverage section
# that use it (the base has no decisions or tests of its own).
LOADER_TRAINING_TESTS = """tests:
  defaults: {as_of: 2026-03-15}
  cases:
    - name: 达标
      decision: training.compliance
      facts: {worker: {training: [{date: 2026-01-10, hours: 40, method: 集中培训}]}}
      expect: {hours: 40, compliant: true}
      expect_rules: [compliant]
    - name: 上年度学时不计
      decision: training.compliance
      facts: {worker: {training: [{date: 2025-12-31, hours: 40, method: 在线学习}]}}
      expect: {hours: 0, compliant: false}
      expect_cites: ["3.1"]
coverage:
  not_decidable:
    - {id: "1.1", reason: 制定目的。}
"""


def loader_input(base_files, files):
    """The input that lays `files` ([(relative path, bytes)]) over fuzz/base."""
    first_path, first_text = files[0]
    slot = base_files.index(first_path) + 1 if first_path in base_files else 0
    data = bytes([slot])
    if slot == 0 and first_path != "decisions/fuzz.yaml":
        data += LOADER_MARKER + first_path.encode() + b"\n"
    data += first_text
    for path, text in files[1:]:
        if not data.endswith(b"\n"):
            data += b"\n"
        data += LOADER_MARKER + path.encode() + b"\n" + text
    return data


def write_loader_seed(base_files, files):
    data = loader_input(base_files, files)
    if len(data) <= LOADER_MAX_SEED:
        write_seed("fuzz_ruleset_loader", data)


def loader_seeds():
    fuzz_base = ROOT / "fuzz/base"
    golden_base = ROOT / "tests/golden/base"
    # Sorted as std::sort sorts the paths (byte-wise).
    base_files = sorted(str(p.relative_to(fuzz_base)) for p in fuzz_base.rglob("*") if p.is_file())
    # Every file of the base in its own place, and every file of the golden base (the same
    # context written out in full, and its decisions and tests, which load against fuzz/base).
    for folder in (fuzz_base, golden_base):
        for path in yaml_files(folder):
            write_loader_seed(base_files, [(str(path.relative_to(folder)), path.read_bytes())])
    golden = lambda rel: (rel, (golden_base / rel).read_bytes())
    write_loader_seed(base_files, [golden("decisions/training.yaml"),
                                   ("tests/training.yaml", LOADER_TRAINING_TESTS.encode())])
    write_loader_seed(base_files, [golden("tests/cases.yaml"), ("../outside.yaml", b"parameters: {}\n"),
                                   ("./tests/cases.yaml", b"tests: {}\n"), ("notes.txt", b"# notes\n")])
    # The files of each golden rule-set case (laid over the golden base there; here over the
    # same context), the first in its place, the others after "=== PATH" lines.
    for case in sorted((ROOT / "tests/golden/rules").iterdir()):
        if not case.is_dir():
            continue
        files = [(str(p.relative_to(case)), p.read_bytes()) for p in yaml_files(case)]
        if files:
            write_loader_seed(base_files, files)
    # The Huzhou decision and test files that fit: their fields are not in the base's schema,
    # but they use more of the language (let, collect, overrides, decision references).
    for path in yaml_files(ROOT / "rules/huzhou"):
        rel = str(path.relative_to(ROOT / "rules/huzhou"))
        if rel.startswith(("decisions/", "tests/")):
            write_loader_seed(base_files, [(rel, path.read_bytes())])


def huzhou_decisions():
    ids = []
    for path in yaml_files(ROOT / "rules/huzhou/decisions"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for d in (doc or {}).get("decisions", []) or []:
            ids.append(d)
    return ids


def expression_seeds():
    # Every expression of the Huzhou and golden rules, in the context of its decision (the
    # decision index follows the loader's order, which sorts decisions by file; close enough for
    # seeds: the fuzzer explores all contexts anyway).
    words = set()
    index = 0
    for folder in (ROOT / "rules/huzhou/decisions", ROOT / "tests/golden/base/decisions"):
        for path in yaml_files(folder):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for decision in doc.get("decisions", []) or []:
                for rule in decision.get("rules", []) or []:
                    exprs = []
                    for key in ("when", "require"):
                        if isinstance(rule.get(key), str):
                            exprs.append((0x80, rule[key]))
                    for section in ("let", "then"):
                        if isinstance(rule.get(section), dict):
                            exprs += [(0x00, v) for v in rule[section].values() if isinstance(v, str)]
                    for flag, text in exprs:
                        write_seed("fuzz_expression", bytes([flag | (index % 128)]) + text.encode("utf-8"))
                        words.update(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text))
                index += 1
    return words


def merge(base, over):
    """Mappings merged level by level; lists and scalars replaced (as the test runner does)."""
    out = dict(base)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def facts_seeds():
    documents = []
    for path in sorted((ROOT / "samples").rglob("*")):
        if path.suffix in (".yaml", ".json"):
            documents.append(path.read_bytes())
    for path in sorted((ROOT / "tests/golden/facts").iterdir()):
        if path.suffix in (".yaml", ".json"):
            documents.append(path.read_bytes())
    # The facts of every test case beside the Huzhou rules, as YAML and JSON documents.
    for path in yaml_files(ROOT / "rules/huzhou/tests"):
        doc = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("tests", {}) or {}
        defaults = doc.get("defaults", {}) or {}
        for case in doc.get("cases", []) or []:
            if not isinstance(case, dict):
                continue
            facts = merge(defaults.get("facts", {}) or {}, case.get("facts", {}) or {})
            as_of = case.get("as_of", defaults.get("as_of"))
            if as_of is not None:
                facts["as_of"] = as_of
            text = json.dumps(facts, ensure_ascii=False, default=str, sort_keys=True)
            documents.append(text.encode("utf-8"))
            documents.append(yaml.safe_dump(facts, allow_unicode=True, default_flow_style=None).encode("utf-8"))
    for data in documents:
        write_seed("fuzz_facts", data)


def schema_words():
    words = set()
    schema = yaml.safe_load((ROOT / "rules/huzhou/schema.yaml").read_text(encoding="utf-8"))["schema"]
    for name, enum in schema.get("enums", {}).items():
        words.add(name)
        for v in enum.get("values", []):
            for x in v if isinstance(v, list) else [v]:
                words.add(str(x))
    for name, record in schema.get("records", {}).items():
        words.add(name)
        words.update(record.keys())
    for name in (schema.get("facts", {}) or {}):
        words.add(name)
    return words


def rule_keys():
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                keys.add(str(k))
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in yaml_files(ROOT / "rules/huzhou") + yaml_files(ROOT / "tests/golden/base"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return keys


def write_dict(target, tokens):
    lines = ["# " + target + ": generated by fuzz/make_corpus.py"]
    for token in sorted(set(tokens)):
        # libFuzzer dictionaries are ASCII: other bytes (UTF-8 of Chinese words, newlines) as \xNN.
        escaped = "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else "\\x%02X" % b
                          for b in token.encode("utf-8"))
        lines.append('"' + escaped + '"')
    (FUZZ / (target + ".dict")).write_text("\n".join(lines) + "\n", encoding="utf-8")


TARGETS = ("fuzz_ruleset_loader", "fuzz_expression", "fuzz_facts")


def main(targets):
    for target in targets:
        if (CORPUS / target).exists():
            shutil.rmtree(CORPUS / target)
    schema = schema_words()
    if "fuzz_ruleset_loader" in targets:
        loader_seeds()
        yaml_syntax = [": ", "- ", "\n  ", "{", "}", "[", "]", "&a", "*a", "<<: ", "!!str", "'", '"', "|\n", ">\n", "---\n", "# "]
        write_dict("fuzz_ruleset_loader", rule_keys() | schema | set(yaml_syntax) |
                   {"all", "first", "unique", "collect", "list<", ">", "int", "decimal", "string", "date", "duration", "bool"} |
                   {"\n=== ", "\n=== decisions/d.yaml\n", "\n=== tests/t.yaml\n", "\n=== schema.yaml\n",
                    "\n=== ruleset.yaml\n", "\n=== regulation.yaml\n", "\n=== calendars/c.yaml\n", "../", "./", ".yml"})
    if "fuzz_expression" in targets:
        expression_dict(expression_seeds(), schema)
    if "fuzz_facts" in targets:
        facts_seeds()
        facts_dict(schema)
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    counts = {t.name: len(list(t.iterdir())) for t in sorted(CORPUS.iterdir())}
    print(f"corpus: {counts}, {total} bytes", file=sys.stderr)


def expression_dict(expr_words, schema):
    operators = ["and", "or", "not", "in", "not in", "if", "then", "else", "where", "any", "all", "count", "sum",
                 "filter", "min", "max", "true", "false", "params.", "decision(", "as_of", "??", "==", "!=", "<=",
                 ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".", ":", "\"", "2026-03-01", "2024-02-29",
                 "1 year", "6 months", "3 days", "2 weeks", "9223372036854775807", "0.0001"]
    write_dict("fuzz_expression", expr_words | schema | set(operators))


def facts_dict(schema):
    write_dict("fuzz_facts", schema | {"as_of", "id", "2026-03-15", "2024-02-29", "true", "false", "null", "{", "}",
                                        "[", "]", ": ", "\"", "-1", "1e308", "999999999999999", "0.00001", "&a", "*a"})


if __name__ == "__main__":
    unknown = [t for t in sys.argv[1:] if t not in TARGETS]
    if unknown:
        sys.exit(f"unknown target(s): {' '.join(unknown)}; the targets are {' '.join(TARGETS)}")
    main(sys.argv[1:] or TARGETS)
