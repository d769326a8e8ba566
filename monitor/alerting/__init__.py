"""Alerting stage: match items against the compiled rules, build alerts, deliver them to
webhook, Slack and log sinks (rate limits, retries, dead letters, replay)."""
