"""Storage: every Redis structure wirewatch keeps (key names, stores, queues, metrics, the
item archive) and the connection to Redis, embedded or not."""
