"""Watching sources: what the bot reads, and how a release becomes stored figures.

- :mod:`bot.watch.ingest`: a document → extraction → one stored release;
- :mod:`bot.watch.poll`: due sources → conditional GET → new items → ingest; health,
  backoff, near-duplicates, new-release alerts;
- :mod:`bot.watch.source_admin`: add, test, pause, resume, reschedule, remove (audited);
- :mod:`bot.watch.examples`: the sample releases loaded into an empty database.
"""
