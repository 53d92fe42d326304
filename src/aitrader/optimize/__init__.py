"""Parameter search, walk-forward validation and overfitting statistics."""
