"""Ingest stage: schedule, fetch and parse feeds, key and deduplicate items, enqueue new ones.

Also reads local documents (JSONL, feed files, plain-text wire items) for `match` and
`backtest`, into the same `Item` values the poller produces."""
