"""Users of the kernel that speak: chat (plain-language questions about the account and the bot)."""
