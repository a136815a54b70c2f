"""The weekly digest: what changed in a period, for whom, and when it goes out.

- :mod:`bot.digest.build`: a period's releases → :class:`~bot.digest.build.Digest`;
- :mod:`bot.digest.filters`: per-subscription filters (topics, sources, language);
- :mod:`bot.digest.schedule`: ``weekly fri 17:30 Europe/Berlin`` → fire times;
- :mod:`bot.digest.subscriptions`: subscribe / unsubscribe, audited;
- :mod:`bot.digest.delivery`: claim → post → complete, exactly once per period.
"""
