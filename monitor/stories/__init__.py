"""Stories: the reports of one event across feeds, grouped before rules run (DESIGN.md
"Stories"). Pure stages (`text`, `signature`, `decide`) and their orchestration against the
Redis index (`assign`, using `monitor.storage.stories`)."""

from monitor.stories.assign import StoryAssigner, StoryRef, event_time

__all__ = ["StoryAssigner", "StoryRef", "event_time"]
