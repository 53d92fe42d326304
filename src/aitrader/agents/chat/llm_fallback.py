"""The one signal every LLM guard raises: stop using the LLM for this question and answer offline."""

from __future__ import annotations


class LlmFallback(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Stop using the LLM for this question. The message is a short reason, safe to show and to trace:
    it never carries a traceback, a secret or more than a few words of what the server sent."""
