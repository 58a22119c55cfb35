"""The package's shape: no import loops, small functions, readers in layers.

* No module of ``analysis`` imports, directly or through others, a module that imports it back.
  Imports inside functions count, and so does the package ``__init__`` that an import from
  outside a package runs (``from .parse.grouping import group`` runs ``analysis/parse/__init__``).
* No function in ``SMALL_FUNCTIONS`` is longer than ``MAX_LINES`` lines or has a cyclomatic
  complexity over ``MAX_COMPLEXITY`` (counted here with ``ast``, as mccabe does, so that the test
  needs no extra package). To hold more of the package to it, add its paths to the list.
* The reader's layers (``LAYERS``) import downwards only: layout never imports tables, tables
  never import the text readers, and so on.

Run as a script (``python tests/test_architecture.py``) it prints the longest and most complex
functions of ``SMALL_FUNCTIONS``.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"

# Where every function must stay small: paths relative to the repository root (folders or files).
SMALL_FUNCTIONS = ["analysis"]
MAX_LINES = 80
MAX_COMPLEXITY = 25

# Loops known and owned elsewhere, each to be removed from here when it is broken (the test fails
# when an entry is no longer a loop, so that this list cannot go stale). None today.
KNOWN_LOOPS: list = []

# Where no Chinese word may be written in code (docstrings and comments aside): the reader reads
# its words from the vocabulary (``analysis.vocab``, data in ``analysis/reference``). The
# narrative reader's sentence grammar (增加/减少, 主要原因, 与上年持平 …) is exempt: it is how
# sentences are cut and read, not a list of things the package knows.
VOCABULARY_ONLY = ["analysis/inputs", "analysis/parse"]
GRAMMAR = ["analysis/parse/narrative.py"]

# The reader, bottom to top: a module may import modules of its own layer or of lower layers only.
LAYERS = [
    ("settings", ["analysis.settings", "analysis.numbers", "analysis.vocab", "analysis.reference"]),
    ("layout", ["analysis.inputs"]),
    ("words", ["analysis.parse.titles"]),
    ("tables", ["analysis.parse.header", "analysis.parse.columns", "analysis.parse.kinds", "analysis.parse.rows",
                "analysis.parse.segment", "analysis.parse.text_reader", "analysis.parse.grid_reader",
                "analysis.parse.tables", "analysis.parse.items_by_rows",
                "analysis.parse.stacked_sides"]),
    ("text", ["analysis.parse.narrative", "analysis.parse.performance"]),
    ("figures", ["analysis.structure", "analysis.figures"]),
    ("document", ["analysis.parse.identity", "analysis.parse.document"]),
    ("grouping", ["analysis.parse.grouping", "analysis.parse.disclosure", "analysis.parse"]),
    ("scheduling", ["analysis.pipeline"]),
    ("tools", ["analysis.reference._harvest"]),   # run by hand: harvests names with the reader
]


# ---------------------------------------------------------------------------
# imports
# ---------------------------------------------------------------------------
def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict:
    """Module name -> path, for every module of the package."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(importer: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of ``from <level dots><name> import …`` written in ``importer``."""
    if level == 0:
        return name or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def imported(path: Path, known: dict) -> set:
    """The package modules that the module at ``path`` imports anywhere in its code (functions
    included), with the packages whose ``__init__`` such an import runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return imports_in(tree, module_name(path), path.name == "__init__.py", known)


def imports_in(tree: ast.AST, me: str, is_package: bool, known) -> set:
    """The modules of ``known`` that the code ``tree`` of module ``me`` imports."""
    out: set = set()
    for node in ast.walk(tree):
        targets: list = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(me, is_package, node.level, node.module)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if not t:
                continue
            out.add(t)
            # importing a.b.c from outside package a.b runs a.b's (and a's) __init__ first
            parent = t.rpartition(".")[0]
            while parent and not (me == parent or me.startswith(parent + ".")):
                out.add(parent)
                parent = parent.rpartition(".")[0]
    out.discard(me)
    return out


def import_graph() -> dict:
    known = modules()
    return {m: imported(p, known) for m, p in known.items()}


def cycles(graph: dict) -> list:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    out: list = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def layer_of(module: str):
    """(rank, layer name) of the most specific layer entry naming ``module`` or a package of it."""
    best = None
    for rank, (name, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if module == p or module.startswith(p + "."):
                if best is None or len(p) > best[2]:
                    best = (rank, name, len(p))
    return best[:2] if best else None


# ---------------------------------------------------------------------------
# functions
# ---------------------------------------------------------------------------
_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.With, ast.AsyncWith, ast.IfExp,
             ast.Assert)


def complexity(fn: ast.AST) -> int:
    """McCabe complexity of a function: 1 + its decision points (if/elif, loops, except, with,
    ternaries, each extra operand of and/or, each comprehension loop and condition, match cases).
    Nested functions and classes count apart."""
    n = 1
    todo = list(ast.iter_child_nodes(fn))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, _BRANCHES):
            n += 1
        elif isinstance(node, ast.BoolOp):
            n += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            n += 1 + len(node.ifs)
        elif isinstance(node, ast.match_case):
            n += 1
        todo.extend(ast.iter_child_nodes(node))
    return n


def functions(paths: list) -> list:
    """(location, qualified name, lines, complexity) of every function under ``paths``."""
    files: list = []
    for rel in paths:
        p = ROOT / rel
        files.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p] if p.exists() else [])
    out = []
    for f in files:
        tree = ast.parse(f.read_text(encoding="utf-8"))
        todo = [(tree, "")]
        while todo:
            node, prefix = todo.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    name = prefix + child.name
                    lines = child.end_lineno - child.lineno + 1
                    out.append((f"{f.relative_to(ROOT)}:{child.lineno}", name, lines, complexity(child)))
                    todo.append((child, name + "."))
                elif isinstance(child, ast.ClassDef):
                    todo.append((child, prefix + child.name + "."))
                else:
                    todo.append((child, prefix))
    return out


# ---------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------
def test_no_import_loops():
    found = cycles(import_graph())
    new = [c for c in found if c not in KNOWN_LOOPS]
    assert not new, "modules that import each other (directly or through others): " + "; ".join(
        " <-> ".join(c) for c in new)
    gone = [c for c in KNOWN_LOOPS if c not in found]
    assert not gone, f"no longer a loop, remove it from KNOWN_LOOPS: {gone}"


def test_the_loop_finder_sees_loops_through_functions_and_package_inits():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    known = {"analysis", "analysis.parse", "analysis.parse.x", "analysis.pipeline"}
    code = ast.parse("import os\n\ndef f():\n    from .parse.x import y\n")
    assert imports_in(code, "analysis.pipeline", False, known) == {"analysis.parse.x", "analysis.parse"}
    inside = ast.parse("from . import x\nfrom .. import pipeline\n")
    assert imports_in(inside, "analysis.parse.y", False, known) == {"analysis.parse.x", "analysis.pipeline"}
    assert imports_in(inside, "analysis.parse", True, known) == {"analysis.parse.x", "analysis.pipeline"}


def test_the_reader_imports_downwards_only():
    graph = import_graph()
    wrong = []
    for m, targets in graph.items():
        mine = layer_of(m)
        if mine is None:
            continue
        for t in targets:
            theirs = layer_of(t)
            if theirs is not None and theirs[0] > mine[0]:
                wrong.append(f"{m} ({mine[1]}) imports {t} ({theirs[1]})")
    assert not wrong, "\n".join(sorted(wrong))


def test_every_reader_module_has_a_layer():
    missing = [m for m in modules() if m.startswith(("analysis.inputs", "analysis.parse")) and layer_of(m) is None]
    assert not missing


def test_functions_are_small():
    big = [f"{loc} {name}: {lines} lines, complexity {cc}" for loc, name, lines, cc in functions(SMALL_FUNCTIONS)
           if lines > MAX_LINES or cc > MAX_COMPLEXITY]
    assert not big, f"functions over {MAX_LINES} lines or complexity {MAX_COMPLEXITY}:\n" + "\n".join(big)


def test_every_reader_setting_says_what_it_is():
    """Each field of ReaderSettings is followed by its docstring (what, unit, why)."""
    tree = ast.parse((PACKAGE / "settings.py").read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ReaderSettings")
    body = cls.body
    fields = [(i, n.target.id) for i, n in enumerate(body) if isinstance(n, ast.AnnAssign)]
    assert len(fields) > 40
    undocumented = [name for i, name in fields if not (
        i + 1 < len(body) and isinstance(body[i + 1], ast.Expr) and isinstance(body[i + 1].value, ast.Constant)
        and len(str(body[i + 1].value.value).strip()) > 10)]
    assert not undocumented


def chinese_literals(path: Path) -> list:
    """(line, text) of the string literals with a CJK character in ``path``, docstrings aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    docs |= {id(b.value) for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
             for b in n.body if isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and any("\u4e00" <= ch <= "\u9fff" for ch in n.value)]


def test_the_reader_defines_no_words_of_its_own():
    assert chinese_literals(ROOT / GRAMMAR[0])   # the finder sees them where they are
    found = []
    for rel in VOCABULARY_ONLY:
        for f in sorted((ROOT / rel).rglob("*.py")):
            if str(f.relative_to(ROOT)) not in GRAMMAR:
                found += [f"{f.relative_to(ROOT)}:{line} {text[:40]!r}" for line, text in chinese_literals(f)]
    assert not found, "words to move into analysis/vocab (data in analysis/reference):\n" + "\n".join(found)


def test_complexity_counts_like_mccabe():
    code = (
        "def f(xs, a, b):\n"
        "    if a and b or a:\n"          # if: 1, and/or: 2
        "        return [x for x in xs if x]\n"   # comprehension: 1, its if: 1
        "    for x in xs:\n"              # 1
        "        try:\n"
        "            pass\n"
        "        except ValueError:\n"    # 1
        "            pass\n"
        "    def inner():\n"              # counted apart
        "        if a:\n"
        "            pass\n"
        "    return 1 if a else 2\n"      # 1
    )
    fn = ast.parse(code).body[0]
    assert complexity(fn) == 1 + 1 + 2 + 2 + 1 + 1 + 1
    assert complexity(fn.body[3]) == 2


if __name__ == "__main__":
    rows = sorted(functions(SMALL_FUNCTIONS if len(sys.argv) < 2 else sys.argv[1:]), key=lambda r: -max(r[2] / MAX_LINES, r[3] / MAX_COMPLEXITY))
    for loc, name, lines, cc in rows[:40]:
        print(f"{lines:4d} lines  cc {cc:3d}  {name}  ({loc})")
    for c in cycles(import_graph()):
        print("loop:", " <-> ".join(c))


def test_no_module_of_the_package_is_imported_inside_a_function():
    """Every import of a package module sits at the top of its module, where a reader sees what
    the module depends on (third-party libraries that cost seconds to import, such as pdfplumber,
    pandas or papermill, may be imported where they are needed)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("analysis")):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} in {fn.name}()")
                elif isinstance(node, ast.Import) and any(a.name.startswith("analysis") for a in node.names):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} in {fn.name}()")
    assert not found, found
