"""Misuse the stubs must catch: each line marked `# E` is a type error."""

from journeymap import JourneyMap

m = JourneyMap.from_json("{}")
m.add_stage({"id": "s"})  # E: missing name
m.add_channel({"id": "c", "name": "C", "kind": "telepathy"})  # E: not a channel kind
m.touchpoint(3)  # E: id is a str
m.remove_stage("s", cascade="yes")  # E: cascade is a bool
x: int = m.name  # E: name is a str
