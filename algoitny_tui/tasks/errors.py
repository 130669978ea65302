"""How a task failed: for good (a clear error on its job or history), or for now (retried with backoff)."""

from __future__ import annotations


class PermanentTaskError(Exception):
    """Bad input or a missing problem: retrying cannot help."""


class TransientTaskError(Exception):
    """Throttling, a 429 or a 5xx: worth retrying after a while."""


def is_permanent(exc: BaseException) -> bool:
    """Failures whose message is the whole story (no traceback to log): bad input, a Gemini setting to fix."""
    from algoitny_tui.gemini import GeminiError

    return isinstance(exc, PermanentTaskError) or (isinstance(exc, GeminiError) and not exc.transient)


def is_transient(exc: BaseException) -> bool:
    """Errors of the store or of Gemini that go away by themselves."""
    if isinstance(exc, TransientTaskError):
        return True
    if getattr(exc, "transient", False):  # GeminiError(transient=True)
        return True
    code = ""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        code = str(response.get("Error", {}).get("Code", ""))
        status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
        if status >= 500:
            return True
    return code in {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionConflictException",
    }
