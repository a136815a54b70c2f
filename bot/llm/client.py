"""A minimal client for an OpenAI-compatible chat-completions endpoint.

One POST of ``{"model", "messages", "temperature": 0}`` to ``CDFBOT_LLM_URL`` with a bearer
key (https://platform.openai.com/docs/api-reference/chat/create); the answer is
``choices[0].message.content``. Every failure — a timeout (one whole-request deadline), a
connection error, an HTTP error status, a malformed body, a refusal (``message.refusal``,
an empty answer) — is one :class:`ModelError`, so callers fall back in one place.
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.errors import CdfBotError


class ModelError(CdfBotError):
    """The model gave no usable answer (timeout, HTTP error, refusal, malformed body)."""


class ChatClient:
    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.url, self.model = url, model
        self._http = httpx.Client(timeout=timeout, headers=headers, transport=transport)

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The model's answer to ``messages``; :class:`ModelError` for anything else."""
        body = {"model": self.model, "messages": messages, "temperature": 0}
        try:
            response = self._http.post(self.url, json=body)
            response.raise_for_status()
            data: Any = response.json()
            message = data["choices"][0]["message"]
        except httpx.TimeoutException as exc:
            raise ModelError(f"timed out ({type(exc).__name__})") from None
        except httpx.HTTPStatusError as exc:
            raise ModelError(f"HTTP {exc.response.status_code}") from None
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            raise ModelError(f"unusable answer ({type(exc).__name__})") from None
        if message.get("refusal"):
            raise ModelError("refused")
        content = message.get("content")
        if not isinstance(content, str) or not content.strip():
            raise ModelError("empty answer")
        return content

    def close(self) -> None:
        self._http.close()
