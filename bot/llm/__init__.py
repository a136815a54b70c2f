"""Optional model-written text: an OpenAI-compatible chat-completions client and the check
that keeps a model's numbers honest. Off unless ``CDFBOT_LLM_URL`` is set; the use case is
:mod:`bot.watch.enrich`."""
