"""Settings from environment variables and `.env`."""

from aitrader.config.settings import MainnetNotEnabledError, Settings, SettingsError, Venue, load_settings

__all__ = ["MainnetNotEnabledError", "Settings", "SettingsError", "Venue", "load_settings"]
