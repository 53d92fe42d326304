"""The research protocol (docs/research.md): a held-back part of every series, designs chosen by
walk-forward on the rest, one evaluation on the held-back part, recorded in a ledger."""
