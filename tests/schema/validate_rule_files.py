#!/usr/bin/env python3
"""Validates every bundled rule file against schema/tiaoli-rules.schema.json (and regulation
files against schema/tiaoli-regulation.schema.json), then proves the schemas can fail: broken
snippets, and broken files of the golden corpus, must be rejected.

Usage: validate_rule_files.py [REPO_ROOT]      (default: two folders above this file)

YAML is read the way editors read it (the YAML 1.2 core schema of VS Code's YAML extension):
`true` is a boolean, `18` an integer, `2026-03-01` a string. Duplicate keys are an error, as in
the loader. Needs python3-yaml and python3-jsonschema (scripts/setup.sh installs them).
"""
import json
import os
import re
import sys

import jsonschema
import yaml

RULE_SECTIONS = ("ruleset", "schema", "parameters", "decisions", "calendar", "tests", "coverage")
# Folders whose .yaml files are validated. In a rule-set folder (one with ruleset.yaml, or below
# one) every file is a rule file or the regulation, as the loader reads them all; elsewhere a
# file whose top-level keys are none of the rule sections (a facts sample, say) is skipped.
SCANNED = ("rules", "tests/golden/base", "fuzz/base", "docs/examples", "examples", "samples")


# ---- YAML as an editor reads it --------------------------------------------------------------

class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars: no timestamps, no yes/no/on/off booleans."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+.0123456789"),
]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))


class YamlProblem(Exception):
    pass


def mark_of(node):
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def to_python(node):
    """The JSON-like value of a composed YAML node; duplicate keys raise YamlProblem."""
    if isinstance(node, yaml.ScalarNode):
        value, tag = node.value, node.tag
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return value.lower() == "true"
        if tag.endswith(":int"):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if tag.endswith(":float"):
            return float(value.replace("Inf", "inf").replace("INF", "inf").replace("NaN", "nan").replace("NAN", "nan"))
        return value
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item) for item in node.value]
    result = {}
    for key_node, value_node in node.value:
        key = to_python(key_node)
        key = key if isinstance(key, str) else str(key_node.value)
        if key in result:
            raise YamlProblem(f"{mark_of(key_node)}: duplicate key '{key}'")
        result[key] = to_python(value_node)
    return result


def load(text):
    """(value, root node) of a YAML text; raises YamlProblem on bad YAML or duplicate keys."""
    try:
        node = yaml.compose(text, Loader=CoreLoader)
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML: {error}".replace("\n", " ")) from error
    if node is None:
        return None, None
    return to_python(node), node


def locate(node, path):
    """line:column of the value at `path` (an error's absolute_path) in the node tree."""
    where = node
    for step in path:
        if isinstance(where, yaml.MappingNode):
            found = [v for k, v in where.value if k.value == step]
            if not found:
                break
            where = found[0]
        elif isinstance(where, yaml.SequenceNode) and isinstance(step, int) and step < len(where.value):
            where = where.value[step]
        else:
            break
    return mark_of(where) if where is not None else "1:1"


# ---- validation ------------------------------------------------------------------------------

def validators(root):
    result = {}
    for kind, name in (("rules", "tiaoli-rules.schema.json"), ("regulation", "tiaoli-regulation.schema.json")):
        with open(os.path.join(root, "schema", name), encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        result[kind] = cls(schema)
    return result


def problems(validator, value, node):
    """The schema's complaints about `value`, each as 'line:col: message'."""
    out = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        # For anyOf/oneOf the most specific sub-error says more than "is not valid under any".
        best = jsonschema.exceptions.best_match([error])
        where = locate(node, best.absolute_path) if node is not None else "1:1"
        path = "/".join(map(str, best.absolute_path)) or "(top level)"
        out.append(f"{where}: {path}: {best.message}")
    return out


def rule_set_folder(path, stop):
    """The nearest folder at or above `path`'s folder (up to `stop`) holding ruleset.yaml."""
    folder = os.path.dirname(path)
    while True:
        if os.path.isfile(os.path.join(folder, "ruleset.yaml")):
            return folder
        if os.path.abspath(folder) == os.path.abspath(stop) or len(folder) <= len(stop):
            return None
        folder = os.path.dirname(folder)


def regulation_of(folder):
    try:
        with open(os.path.join(folder, "ruleset.yaml"), encoding="utf-8") as f:
            value, _ = load(f.read())
        name = value["ruleset"]["regulation"]
        return os.path.normpath(os.path.join(folder, str(name)))
    except (YamlProblem, KeyError, TypeError, OSError):
        return None


def classify(path, value, scan_root):
    """'rules', 'regulation', or None (not a rule file: skipped)."""
    folder = rule_set_folder(path, scan_root)
    if folder is not None and os.path.normpath(path) == regulation_of(folder):
        return "regulation"
    if isinstance(value, dict) and "chapters" in value:
        return "regulation"  # the loader skips such files as regulation texts
    if folder is not None:
        return "rules"
    if isinstance(value, dict) and any(key in RULE_SECTIONS for key in value):
        return "rules"
    return None


def check_bundled(root, schemas):
    checked, skipped, failures = 0, [], []
    for scanned in SCANNED:
        base = os.path.join(root, scanned)
        if not os.path.isdir(base):
            continue
        for folder, dirs, files in os.walk(base):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith((".yaml", ".yml")):
                    continue
                path = os.path.join(folder, name)
                shown = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                try:
                    value, node = load(text)
                except YamlProblem as problem:
                    checked += 1
                    failures.append(f"{shown}: {problem}")
                    continue
                if value is None:
                    skipped.append(f"{shown} (empty)")
                    continue
                kind = classify(path, value, base)
                if kind is None:
                    skipped.append(f"{shown} (not a rule file: top-level keys {', '.join(map(str, value)) if isinstance(value, dict) else type(value).__name__})")
                    continue
                checked += 1
                messages = problems(schemas[kind], value, node)
                if kind == "regulation":  # the rule-file schema serves regulation files too
                    messages += [f"{m} (through the rule-file schema)" for m in problems(schemas["rules"], value, node)]
                if messages:
                    failures.append("\n     ".join(f"{shown}:{m}  [{kind} schema]" for m in messages))
    return checked, skipped, failures


# ---- the schemas must be able to fail ---------------------------------------------------------

GOOD_DECISIONS = """\
decisions:
  - id: selection.publicity
    title: {zh: 公示, en: Publicity}
    hit: first
    output:
      hired: bool
    rules:
      - id: objection
        cite: "3.2.5"
        when: publicity.objections > 0
        then: {hired: "false"}
        effective_from: 2024-01-01
        because: {zh: "有异议", en: "objections"}
      - id: default
        cite: ["3.2.5"]
        then: {hired: true}
        because: {zh: "录用", en: "hired"}
  - id: selection.eligibility
    hit: all
    output: {pass: eligible, failures: failed}
    rules:
      - id: law
        cite: "3.1.1"
        code: LAW
        require: candidate.law_abiding
        because: {zh: "守法", en: "law-abiding"}
"""
GOOD_PARAMETERS = """\
parameters:
  min_age:
    type: int
    value: 18
    cite: "3.1.2"
  hours:
    type: decimal
    interpretation: 办法未规定。
    versions:
      - {effective_from: 2024-01-01, value: 40}
"""
GOOD_REGULATION = """\
title: 办法
chapters:
  - id: "1"
    sections:
      - id: "1.1"
        items:
          - {id: "1.1", text: 目的}
"""

# (what is wrong, schema, good text, the edit that breaks it)
BROKEN = [
    ("unknown key 'wehn' in a rule", "rules", GOOD_DECISIONS, ("when: publicity", "wehn: publicity")),
    ("unknown hit policy", "rules", GOOD_DECISIONS, ("hit: first", "hit: priority")),
    ("hit policy in the wrong case", "rules", GOOD_DECISIONS, ("hit: all", "hit: ALL")),
    ("unknown top-level section", "rules", GOOD_DECISIONS, ("decisions:", "decision:")),
    ("date not YYYY-MM-DD", "rules", GOOD_DECISIONS, ("2024-01-01", "2024-1-1")),
    ("month 13", "rules", GOOD_DECISIONS, ("2024-01-01", "2024-13-01")),
    ("full-width digits in a cite", "rules", GOOD_DECISIONS, ('"3.2.5"', '"３.２.５"')),
    ("because without en", "rules", GOOD_DECISIONS, (', en: "hired"}', "}")),
    ("`when` under hit: all", "rules", GOOD_DECISIONS, ("require: candidate", "when: candidate")),
    ("`code` under hit: first", "rules", GOOD_DECISIONS, ("when: publicity.objections > 0", "code: X")),
    ("output fields under hit: all", "rules", GOOD_DECISIONS, ("{pass: eligible, failures: failed}", "{eligible: bool}")),
    ("a rule with an empty cite list", "rules", GOOD_DECISIONS, ('cite: ["3.2.5"]', "cite: []")),
    ("an expression that is a mapping", "rules", GOOD_DECISIONS, ("require: candidate.law_abiding", "require: {a: b}")),
    ("duplicate key", "rules", GOOD_DECISIONS, ("        code: LAW\n", "        code: LAW\n        code: LAW2\n")),
    ("parameter with two sources", "rules", GOOD_PARAMETERS, ('cite: "3.1.2"', 'cite: "3.1.2"\n    interpretation: x')),
    ("parameter with no source", "rules", GOOD_PARAMETERS, ('    cite: "3.1.2"\n', "")),
    ("parameter with value and versions", "rules", GOOD_PARAMETERS, ("type: decimal", "type: decimal\n    value: 1")),
    ("parameter with unknown key", "rules", GOOD_PARAMETERS, ("value: 18", "valeu: 18")),
    ("regulation item without text", "regulation", GOOD_REGULATION, (", text: 目的", "")),
    ("unknown key in the regulation", "regulation", GOOD_REGULATION, ("title: 办法", "titel: 办法")),
]

# Files of the golden bad-input corpus (tests/golden/rules/CASE/...) whose mistake is one the
# schema can see; the loader's message for each is in CASE.expected.
GOLDEN_REJECTED = [
    "unknown_field_wehn/decisions/broken.yaml",
    "unknown_hit_policy/decisions/broken.yaml",
    "unknown_top_level_section/decisions/broken.yaml",
    "because_missing_en/decisions/broken.yaml",
    "cite_fullwidth_digits/decisions/broken.yaml",
    "rule_effective_date_invalid/decisions/broken.yaml",
    "all_rule_missing_code/decisions/broken.yaml",
    "duplicate_keys/decisions/broken.yaml",
    "param_no_source/extra.yaml",
]


def rejected(schemas, kind, text):
    """The reasons `text` is rejected (empty when it is valid)."""
    try:
        value, node = load(text)
    except YamlProblem as problem:
        return [str(problem)]
    return problems(schemas[kind], value, node)


def check_can_fail(root, schemas):
    failures, count = [], 0
    seen_good = set()
    for what, kind, good, (old, new) in BROKEN:
        if good not in seen_good:
            seen_good.add(good)
            for reason in rejected(schemas, kind, good):
                failures.append(f"the valid snippet for '{what}' is rejected: {reason}")
        assert old in good, f"snippet edit for '{what}' does not apply"
        bad = good.replace(old, new, 1)
        reasons = rejected(schemas, kind, bad)
        count += 1
        if not reasons:
            failures.append(f"not rejected: {what}")
        elif kind == "regulation" and not rejected(schemas, "rules", bad):
            failures.append(f"not rejected through the rule-file schema: {what}")
        else:
            print(f"  rejected as expected: {what}: {reasons[0]}")
    for case in GOLDEN_REJECTED:
        path = os.path.join(root, "tests", "golden", "rules", case)
        with open(path, encoding="utf-8") as f:
            reasons = rejected(schemas, "rules", f.read())
        count += 1
        if not reasons:
            failures.append(f"not rejected: golden case tests/golden/rules/{case}")
        else:
            print(f"  rejected as expected: golden {case}: {reasons[0]}")
    return count, failures


def check_copies(root):
    """The rule-file schema carries a copy of the regulation schema's definitions; they must agree."""
    with open(os.path.join(root, "schema", "tiaoli-rules.schema.json"), encoding="utf-8") as f:
        rules = json.load(f)
    with open(os.path.join(root, "schema", "tiaoli-regulation.schema.json"), encoding="utf-8") as f:
        regulation = json.load(f)
    failures = []
    for name in ("text", "provisionId", "item", "section", "chapter"):
        if rules["definitions"].get(name) != regulation["definitions"].get(name):
            failures.append(f"definitions/{name} differs between the rule-file and the regulation schema")
    for key in ("properties", "required", "additionalProperties"):
        if rules["definitions"]["regulationFile"].get(key) != regulation.get(key):
            failures.append(f"definitions/regulationFile/{key} differs from the regulation schema's top level")
    return failures


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    root = os.path.normpath(root)
    schemas = validators(root)

    checked, skipped, failures = check_bundled(root, schemas)
    print(f"bundled rule files: {checked} validated, {len(skipped)} skipped")
    for line in skipped:
        print(f"  skipped: {line}")
    if checked == 0:
        failures.append("no rule file was found to validate")

    copies = check_copies(root)
    failures += copies
    checked += 1

    print("broken snippets and golden cases (each must be rejected):")
    count, must_fail = check_can_fail(root, schemas)
    failures += must_fail

    for line in failures:
        print(f"FAIL {line}")
    # One check per bundled file, the schemas' agreement, and one per broken example.
    print(f"{checked + count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
