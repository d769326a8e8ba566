"""The one error tree of wirewatch. Library errors are translated into these at the boundary."""

from __future__ import annotations


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose."""


class ConfigError(WirewatchError):
    """The configuration directory is invalid; `problems` holds one `file:line: message` each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class RuleSyntaxError(WirewatchError):
    """A watch rule does not parse or refers to something unknown."""

    def __init__(self, rule_id: str, column: int, message: str) -> None:
        self.rule_id = rule_id
        self.column = column
        self.message = message
        super().__init__(f"rule {rule_id!r}, column {column}: {message}")


class FetchError(WirewatchError):
    """A feed could not be fetched; `transient` says whether retrying later may help."""

    def __init__(self, message: str, *, transient: bool = True, status: int | None = None,
                 retry_after: float | None = None) -> None:
        self.transient = transient
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class UnsafeURLError(FetchError):
    """A URL is not http(s), or resolves to an address that `network.allow_private` does not allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message, transient=False)


class ForbiddenJobError(WirewatchError):
    """A job read from Redis names a function or callback that is not one of wirewatch's own."""


class StoreUnavailableError(WirewatchError):
    """Redis did not answer."""


class RuleSetError(WirewatchError):
    """One or more rules failed to compile; `errors` holds each `RuleSyntaxError`."""

    def __init__(self, errors: list[RuleSyntaxError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
