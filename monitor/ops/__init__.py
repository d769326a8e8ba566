"""Operations: the supervised daemon, its health and metrics endpoint, status reports,
backtests and OPML import/export. Everything here runs the stages below; nothing below
imports it."""
