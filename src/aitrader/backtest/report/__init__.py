"""Backtest reports: a rich terminal summary, a self-contained HTML page and JSON for machines;
for a portfolio backtest one of each with the portfolio and every symbol (`*portfolio*`).

plotly is imported only when an HTML report is built, so importing this package stays light.
"""

from aitrader.backtest.report.html import render_html_report, write_html_report
from aitrader.backtest.report.json_export import read_json, report_dict, write_json
from aitrader.backtest.report.portfolio_html import render_portfolio_report, write_portfolio_report
from aitrader.backtest.report.portfolio_json import (
    portfolio_report_dict,
    read_portfolio_json,
    write_portfolio_json,
)
from aitrader.backtest.report.portfolio_terminal import print_portfolio_summary
from aitrader.backtest.report.terminal import print_summary

__all__ = [
    "portfolio_report_dict",
    "print_portfolio_summary",
    "print_summary",
    "read_json",
    "read_portfolio_json",
    "render_html_report",
    "render_portfolio_report",
    "report_dict",
    "write_html_report",
    "write_json",
    "write_portfolio_json",
    "write_portfolio_report",
]
