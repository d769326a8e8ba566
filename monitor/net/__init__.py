"""Network safety shared by the stages that reach out: the address policy (which hosts a feed or
webhook URL may resolve to) and the pinned, deadline-bounded HTTP client built on it."""
