"""Lexer and recursive-descent parser for watch-rule queries.

Precedence, tightest first: field scope (`title:`), `NOT`, `NEAR`, `AND` (also implicit, by
juxtaposition), `OR`. `NEAR` chains group to the left. Errors are `RuleSyntaxError`s with the
1-based column of the offending token and what was expected there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.errors import RuleSyntaxError
from monitor.rules.ast import FIELDS, BoolOp, NearOp, NotOp, Phrase, Ref, Scope, Syntax, Word

_QUOTES = "\"“”„«»"
_LEXER = re.compile(rf"""
    (?P<ws>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<phrase>=?[{_QUOTES}])
  | (?P<near>NEAR(?:/(?P<near_arg>[^\s(){_QUOTES}]*))?)(?![^\s(){_QUOTES}])
  | (?P<op>AND|OR|NOT)(?![^\s(){_QUOTES}])
  | (?P<ref>@(?P<ref_name>[^\s():{_QUOTES}]*)(?::(?P<ref_arg>[^\s(){_QUOTES}]*))?)
  | (?P<field>(?P<field_name>[^\s():{_QUOTES}=@]+):)
  | (?P<term>[^\s(){_QUOTES}]+)
""", re.VERBOSE)

_STARTS_OPERAND = {"lparen", "phrase", "ref", "field", "term", "not"}
_EXPECTED_OPERAND = "a term, phrase, @reference or '('"


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    column: int
    match: re.Match[str] | None = None


def parse(query: str, rule_id: str = "?") -> Syntax:
    """Parse one query into a syntax tree, or raise `RuleSyntaxError`."""
    return _Parser(rule_id, query).parse()


class _Parser:
    """One-shot parser over the token list of a query."""

    def __init__(self, rule_id: str, query: str) -> None:
        self.rule_id = rule_id
        self.query = query
        self.toks = _lex(rule_id, query)
        self.pos = 0

    def parse(self) -> Syntax:
        if self._peek().kind == "end":
            raise self._error(1, "the query is empty")
        node = self._or()
        tok = self._peek()
        if tok.kind == "rparen":
            raise self._error(tok.column, "unbalanced ')': no '(' to close")
        if tok.kind != "end":  # pragma: no cover - every other token continues an AND
            raise self._error(tok.column, f"unexpected {tok.text!r}")
        return node

    # -- grammar --

    def _or(self) -> Syntax:
        first = self._and()
        children = [first]
        while self._peek().kind == "or":
            self._next()
            children.append(self._and())
        return first if len(children) == 1 else BoolOp("OR", tuple(children), _col(first))

    def _and(self) -> Syntax:
        first = self._near()
        children = [first]
        while True:
            tok = self._peek()
            if tok.kind == "and":
                self._next()
            elif tok.kind not in _STARTS_OPERAND:
                break
            children.append(self._near())
        return first if len(children) == 1 else BoolOp("AND", tuple(children), _col(first))

    def _near(self) -> Syntax:
        node = self._unary()
        while self._peek().kind == "near":
            tok = self._next()
            unit, distance = self._near_arg(tok)
            node = NearOp(node, self._unary(), unit, distance, tok.column)
        return node

    def _near_arg(self, tok: _Tok) -> tuple[str, int]:
        arg = tok.match.group("near_arg") if tok.match else None
        if arg is None or arg == "":
            raise self._error(tok.column + 4, "expected /n (a number of words), /s or /p after NEAR")
        if arg.lower() in ("s", "p"):
            return arg.lower(), 0
        if arg.isdigit() and int(arg) <= 1000:
            return "w", int(arg)
        raise self._error(tok.column + 5, f"expected a number (0-1000), s or p after NEAR/, "
                                          f"found {arg!r}")

    def _unary(self) -> Syntax:
        tok = self._peek()
        if tok.kind == "not":
            self._next()
            return NotOp(self._unary(), tok.column)
        return self._primary()

    def _primary(self) -> Syntax:
        tok = self._next()
        if tok.kind == "field":
            return self._scope(tok)
        if tok.kind == "lparen":
            return self._group(tok)
        if tok.kind == "term":
            return self._word(tok)
        if tok.kind == "phrase":
            return self._phrase(tok)
        if tok.kind == "ref":
            return self._ref(tok)
        raise self._unexpected(tok)

    def _scope(self, tok: _Tok) -> Syntax:
        name = tok.match.group("field_name").lower()
        if name not in FIELDS:
            raise self._error(tok.column, f"unknown field {name!r}: use title:, body: or source:")
        nxt = self._peek()
        if nxt.kind not in ("lparen", "term", "phrase", "ref"):
            raise self._error(nxt.column, f"expected {_EXPECTED_OPERAND} after {name}:, "
                                          f"found {_describe(nxt)}")
        return Scope((name,), self._primary(), tok.column)

    def _group(self, tok: _Tok) -> Syntax:
        if self._peek().kind == "rparen":
            raise self._error(self._peek().column, f"expected {_EXPECTED_OPERAND}, found ')'")
        node = self._or()
        close = self._next()
        if close.kind != "rparen":
            raise self._error(close.column, f"expected ')' to close the '(' at column "
                                            f"{tok.column}, found {_describe(close)}")
        return node

    def _word(self, tok: _Tok) -> Syntax:
        text, column = tok.text, tok.column
        cased = text.startswith("=")
        if cased:
            text = text[1:]
        if text.startswith("-"):
            raise self._error(column, f"{tok.text!r}: '-' is not an operator; use NOT")
        star = text.find("*")
        if star != -1 and star != len(text) - 1:
            raise self._error(column + cased + star, "'*' is allowed only at the end of a term")
        prefix = star != -1
        text = text.rstrip("*")
        if not text:
            raise self._error(column, f"expected a term, found {tok.text!r}")
        return Word(text, column, prefix=prefix, case_sensitive=cased)

    def _phrase(self, tok: _Tok) -> Syntax:
        cased = tok.text.startswith("=")
        body_start = tok.column + len(tok.text) - 1  # 0-based index of the phrase text
        end = _find_quote(self.query, body_start)
        if end == -1:
            raise self._error(tok.column, "unterminated phrase: expected a closing '\"'")
        text = self.query[body_start:end]
        if "*" in text:
            raise self._error(body_start + text.index("*") + 1,
                              "'*' is not allowed inside a phrase")
        self._skip_to(end + 1)
        return Phrase(text, tok.column, case_sensitive=cased)

    def _ref(self, tok: _Tok) -> Syntax:
        name, arg = tok.match.group("ref_name"), tok.match.group("ref_arg")
        if not name:
            raise self._error(tok.column + 1, "expected a vocabulary name after '@'")
        if name.lower() == "country":
            if not arg:
                raise self._error(tok.column, "expected a country code: @country:XX "
                                              "(e.g. @country:RU)")
            return Ref("country", arg, tok.column)
        if arg is not None:
            raise self._error(tok.column + len(name) + 1, f"unexpected ':' after @{name}")
        return Ref(name, None, tok.column)

    # -- tokens --

    def _peek(self) -> _Tok:
        return self.toks[self.pos]

    def _next(self) -> _Tok:
        tok = self.toks[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def _skip_to(self, index: int) -> None:
        """Re-lex from 0-based `index` (after a phrase, whose inside the lexer did not see)."""
        self.toks = self.toks[:self.pos] + _lex(self.rule_id, self.query, index)

    def _unexpected(self, tok: _Tok) -> RuleSyntaxError:
        return self._error(tok.column, f"expected {_EXPECTED_OPERAND}, found {_describe(tok)}")

    def _error(self, column: int, message: str) -> RuleSyntaxError:
        return RuleSyntaxError(self.rule_id, column, message)


def _lex(rule_id: str, query: str, start: int = 0) -> list[_Tok]:
    """Tokens from 0-based `start`; stops after the first quote (the parser reads phrases)."""
    toks: list[_Tok] = []
    pos = start
    while pos < len(query):
        m = _LEXER.match(query, pos)
        if m is None:  # pragma: no cover - the term alternative matches anything else
            raise RuleSyntaxError(rule_id, pos + 1, f"unexpected {query[pos]!r}")
        kind = m.lastgroup
        if kind in ("near_arg", "ref_name", "ref_arg", "field_name"):
            kind = _outer_group(m)
        pos = m.end()
        if kind == "ws":
            continue
        if kind == "op":
            kind = m.group().lower()
        toks.append(_Tok(kind, m.group(), m.start() + 1, m))
        if kind == "phrase":
            break
    toks.append(_Tok("end", "", len(query) + 1))
    return toks


def _outer_group(m: re.Match[str]) -> str:
    for name in ("near", "ref", "field"):
        if m.group(name) is not None:
            return name
    return "term"  # pragma: no cover


def _find_quote(query: str, start: int) -> int:
    for i in range(start, len(query)):
        if query[i] in _QUOTES:
            return i
    return -1


def _describe(tok: _Tok) -> str:
    if tok.kind == "end":
        return "the end of the query"
    if tok.kind in ("and", "or", "not", "near"):
        return f"operator {tok.text}"
    return repr(tok.text)


def _col(node: Syntax) -> int:
    return node.column
