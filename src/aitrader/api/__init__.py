"""The web face: a REST and WebSocket API over a run (in-process, or attached to its journal), the
dashboard's static files, Prometheus metrics and notifications (docs/api.md).

A face: it may import anything below it, and nothing below imports it. The light modules (`hub`,
`auth_config`, `listen`, `embedded`, `sources.in_process`) load no web framework, so `trade
--serve` can build them before it reconciles the journal; `app`, `server` and `assemble` load
FastAPI and uvicorn.
"""
