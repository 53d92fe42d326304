"""Where the journals live: one function turns a file path or a database URL into an Engine.

Below execution, live and agents (they all open the journal through `storage.database`); it imports
nothing from aitrader.
"""
