"""Use case: take the figures away — CSV or JSON Lines for pandas and Excel.

:mod:`~bot.export.rows` turns an indicator's history (``/cdf 5g --csv``, ``cdfbot ask 5g
--csv PATH``) or every stored figure (``cdfbot export``) into flat rows;
:mod:`~bot.export.formats` writes them. Values stay in base units with the unit beside
them, so a spreadsheet sums and charts them without parsing "4.838 million".
"""
