"""Use case: indicator alerts — tell someone when an indicator's value moves.

Named *alerts*, not *watches*, so it is never confused with :mod:`bot.watch`, which
watches **sources** (polling feeds and pages). Here a person or channel watches an
**indicator** (``/cdf watch 5g``): :mod:`~bot.alerts.watches` sets, lists and ends watches;
the store queues an alert in the transaction that stores a release
(:mod:`bot.store.alert_queue`, the outbox); :mod:`~bot.alerts.delivery` claims and sends
each queued alert exactly once.
"""
