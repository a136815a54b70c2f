"""Looking things up: what ``/cdf QUERY`` answers, and the views a user browses.

- :mod:`bot.lookup.query`: words → catalog indicators (fuzzy, bilingual);
- :mod:`bot.lookup.answer`: query → :class:`~bot.lookup.answer.Answer` (latest value, history);
- :mod:`bot.lookup.history`: a figure's history by period, revisions and conflicts;
- :mod:`bot.lookup.browse`: ``latest``, ``search``, ``commitments``, ``indicators``, ``help``;
- :mod:`bot.lookup.home`: the App Home view.
"""
