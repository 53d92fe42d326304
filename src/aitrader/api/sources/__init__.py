"""Where the API's data comes from: a `LiveRunner` in this process (`in_process`), or a journal
being polled (`attached`); both publish the same events to an `api.hub.EventHub`."""
