"""Lexer and recursive-descent parser for watch-rule queries.

Precedence, tightest first: field scope (`title:`), `NOT`, `NEAR`, `AND` (also implicit, by
juxtaposition), `OR`. `NEAR` chains group to the left. The parser checks the structure (what
may be a NEAR operand) and builds the result through a `Builder`, so the same parser feeds
the reference interpreter (expression trees) and the fast matcher (shared compiled nodes)
without an intermediate tree. Errors are `RuleSyntaxError`s with the 1-based column of the
offending token and what was expected there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from monitor.errors import RuleSyntaxError
from monitor.rules.ast import DEFAULT_FIELDS, FIELDS
from monitor.rules.kernel import DEFAULT
from monitor.rules.kernel.codes import QUOTES
from monitor.rules.kernel.pure import piece_kind
from monitor.rules.languages import language_hint, rule_language

T = TypeVar("T")
Lexer = Callable[[str], list[tuple[str, str, int]]]  # a kernel's `lex`
_STARTS_OPERAND = frozenset({"(", "phrase", "ref", "field", "term", "not"})
_CONTINUES_AND = _STARTS_OPERAND | {"and"}
_EXPECTED = "a term, phrase, @reference or '('"

# What a parsed sub-expression is, for the NEAR operand rules.
SPAN, NEGATED_SPAN, AND_EXPR, OTHER = "span", "not-span", "and", "other"
LANG = "lang"  # a `lang:` scope: the item's language has no position in the text
LANG_FIELDS = ("lang",)  # the scope of `lang:`: a field whose one token is the item's language


class Builder(Protocol[T]):
    """What the parser calls to build a rule; `fields` is the scope in force at a leaf."""

    def word(self, text: str, prefix: bool, cased: bool, fields: tuple[str, ...],
             column: int) -> T: ...

    def phrase(self, text: str, cased: bool, fields: tuple[str, ...], column: int) -> T: ...

    def ref(self, name: str, arg: str | None, fields: tuple[str, ...], column: int) -> T: ...

    def all_of(self, children: list[T]) -> T: ...

    def any_of(self, children: list[T]) -> T: ...

    def not_(self, child: T) -> T: ...

    def near(self, left: T, right: T, unit: str, distance: int) -> T: ...


def parse(query: str, rule_id: str, builder: Builder[T], lex: Lexer = DEFAULT.lex) -> T:
    """Parse one query with `builder` (its tokens from a kernel's `lex`), or raise
    `RuleSyntaxError`."""
    try:
        return _Parser(rule_id, query, builder, lex).parse()
    except RecursionError:  # hundreds of nested groups or NOTs: refused, not a crash
        raise RuleSyntaxError(rule_id, 1, "the query nests too deeply") from None


class _Parser(Generic[T]):
    """One-shot parser over the token list of a query."""

    def __init__(self, rule_id: str, query: str, builder: Builder[T], lex: Lexer) -> None:
        self.rule_id = rule_id
        self.b = builder
        self.toks = lex(query)
        self.kinds = [t[0] for t in self.toks]
        self.pos = 0

    def parse(self) -> T:
        if self.toks[0][0] == "end":
            raise self._error(1, "the query is empty")
        node, _ = self._or(DEFAULT_FIELDS)
        kind, text, column = self.toks[self.pos]
        if kind == ")":
            raise self._error(column, "unbalanced ')': no '(' to close")
        if kind != "end":  # pragma: no cover - any other token continues an AND
            raise self._error(column, f"unexpected {text!r}")
        return node

    # -- grammar: each level returns (built value, what it is) --

    def _or(self, fields: tuple[str, ...]) -> tuple[T, str]:
        node, what = self._and(fields)
        if self.kinds[self.pos] != "or":
            return node, what
        nodes, whats = [node], {what}
        while self.kinds[self.pos] == "or":
            self.pos += 1
            node, what = self._and(fields)
            nodes.append(node)
            whats.add(what)
        return self.b.any_of(nodes), SPAN if whats == {SPAN} else OTHER

    def _and(self, fields: tuple[str, ...]) -> tuple[T, str]:
        node, what = self._near(fields)
        kinds = self.kinds
        if kinds[self.pos] not in _CONTINUES_AND:
            return node, what
        nodes = [node]
        while True:
            kind = kinds[self.pos]
            if kind == "and":
                self.pos += 1
            elif kind not in _STARTS_OPERAND:
                break
            nodes.append(self._near(fields)[0])
        if len(nodes) == 1:
            return node, what
        return self.b.all_of(nodes), AND_EXPR

    def _near(self, fields: tuple[str, ...]) -> tuple[T, str]:
        start = self.toks[self.pos][2]
        node, what = self._unary(fields) if self.kinds[self.pos] == "not" else \
            self._primary(fields)
        while self.kinds[self.pos] == "near":
            _, text, column = self.toks[self.pos]
            self.pos += 1
            unit, distance = self._near_arg(text, column)
            right_start = self.toks[self.pos][2]
            right, right_what = self._unary(fields)
            self._check_operand(what, start)
            self._check_operand(right_what, right_start)
            if what == right_what == NEGATED_SPAN:
                raise self._error(column, "NEAR needs a positive side: both operands are NOT")
            node, what = self.b.near(node, right, unit, distance), SPAN
        return node, what

    def _check_operand(self, what: str, column: int) -> None:
        if what == LANG:
            raise self._error(column, "lang: cannot be a NEAR operand (the item's language "
                                      "has no position in the text): use AND")
        if what == AND_EXPR:
            raise self._error(column, "AND cannot be used inside NEAR (a NEAR operand must "
                                      "have a position): use NEAR or OR")
        if what == OTHER:
            raise self._error(column, "a NEAR operand must be a term, phrase, @reference, OR "
                                      "or NEAR group, or NOT of one")

    def _near_arg(self, text: str, column: int) -> tuple[str, int]:
        arg = text[5:]
        if len(text) == 4 or not arg:
            raise self._error(column + 4, "expected /n (a number of words), /s or /p after NEAR")
        if arg.lower() in ("s", "p"):
            return arg.lower(), 0
        if arg.isdigit() and int(arg) <= 1000:
            return "w", int(arg)
        raise self._error(column + 5, f"expected a number (0-1000), s or p after NEAR/, "
                                      f"found {arg!r}")

    def _unary(self, fields: tuple[str, ...]) -> tuple[T, str]:
        if self.kinds[self.pos] == "not":
            self.pos += 1
            node, what = self._unary(fields)
            return self.b.not_(node), (NEGATED_SPAN if what == SPAN else
                                       LANG if what == LANG else OTHER)
        return self._primary(fields)

    def _primary(self, fields: tuple[str, ...]) -> tuple[T, str]:
        kind, text, column = self.toks[self.pos]
        self.pos += 1
        if kind == "term":
            return self._word(text, column, fields), SPAN
        if kind == "phrase":
            return self._phrase(text, column, fields), SPAN
        if kind == "(":
            return self._group(column, fields)
        if kind == "field":
            return self._scope(text, column)
        if kind == "ref":
            return self._ref(text, column, fields), SPAN
        raise self._error(column, f"expected {_EXPECTED}, found {_describe(kind, text)}")

    def _scope(self, text: str, column: int) -> tuple[T, str]:
        name, _, rest = text.partition(":")
        name = name.lower()
        if name not in FIELDS:
            raise self._error(column, f"unknown field {name!r}: use title:, body:, source: "
                                      "or lang:")
        if rest:  # "title:russia" is one piece: split it
            self.pos -= 1
            self.toks[self.pos] = (piece_kind(rest), rest, column + len(name) + 1)
            self.kinds[self.pos] = self.toks[self.pos][0]
        kind, text, col = self.toks[self.pos]
        if kind not in ("(", "term", "phrase", "ref"):
            raise self._error(col, f"expected {_EXPECTED} after {name}:, "
                                   f"found {_describe(kind, text)}")
        if name == "lang":
            return self._primary(LANG_FIELDS)[0], LANG
        return self._primary((name,))

    def _group(self, column: int, fields: tuple[str, ...]) -> tuple[T, str]:
        if self.kinds[self.pos] == ")":
            raise self._error(self.toks[self.pos][2], f"expected {_EXPECTED}, found ')'")
        node, what = self._or(fields)
        kind, text, col = self.toks[self.pos]
        if kind != ")":
            raise self._error(col, f"expected ')' to close the '(' at column {column}, "
                                   f"found {_describe(kind, text)}")
        self.pos += 1
        return node, what

    def _word(self, text: str, column: int, fields: tuple[str, ...]) -> T:
        if fields == LANG_FIELDS:
            return self._language(text, column)
        cased = text[0] == "="
        body = text[1:] if cased else text
        if body.startswith("-"):
            raise self._error(column, f"{text!r}: '-' is not an operator; use NOT")
        star = body.find("*")
        if star != -1 and star != len(body) - 1:
            raise self._error(column + cased + star, "'*' is allowed only at the end of a term")
        if not body or body == "*":
            raise self._error(column, f"expected a term, found {text!r}")
        prefix = star != -1
        return self.b.word(body[:-1] if prefix else body, prefix, cased, fields, column)

    def _language(self, text: str, column: int) -> T:
        """A language code in the scope of `lang:`: one word, the item's language."""
        code = rule_language(text)
        if code is None:
            raise self._error(column, f"unknown language code {text!r}: lang: takes two-letter "
                                      f"ISO 639-1 codes such as ru or uk{language_hint(text)}")
        return self.b.word(code, False, False, LANG_FIELDS, column)

    def _phrase(self, text: str, column: int, fields: tuple[str, ...]) -> T:
        if fields == LANG_FIELDS:
            raise self._error(column, "lang: takes language codes (such as ru), not a phrase")
        cased = text[0] == "="
        inner_start = 1 + cased
        if len(text) <= inner_start or text[-1] not in QUOTES:
            raise self._error(column, "unterminated phrase: expected a closing '\"'")
        inner = text[inner_start:-1]
        if "*" in inner:
            raise self._error(column + inner_start + inner.index("*"),
                              "'*' is not allowed inside a phrase")
        return self.b.phrase(inner, cased, fields, column)

    def _ref(self, text: str, column: int, fields: tuple[str, ...]) -> T:
        if fields == LANG_FIELDS:
            raise self._error(column, f"lang: takes language codes (such as ru), not {text}")
        name, colon, arg = text[1:].partition(":")
        if not name:
            raise self._error(column + 1, "expected a vocabulary name after '@'")
        if name.lower() == "country":
            if not arg:
                raise self._error(column, "expected a country code: @country:XX "
                                          "(e.g. @country:RU)")
            return self.b.ref("country", arg, fields, column)
        if name.lower() == "event":
            if not arg:
                raise self._error(column, "expected an event vocabulary: @event:NAME "
                                          "(e.g. @event:meet)")
            return self.b.ref("event", arg, fields, column)
        if colon:
            raise self._error(column + len(name) + 1, f"unexpected ':' after @{name}")
        return self.b.ref(name, None, fields, column)

    def _error(self, column: int, message: str) -> RuleSyntaxError:
        return RuleSyntaxError(self.rule_id, column, message)


def _describe(kind: str, text: str) -> str:
    if kind == "end":
        return "the end of the query"
    if kind in ("and", "or", "not", "near"):
        return f"operator {text}"
    return repr(text)
