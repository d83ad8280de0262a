"""Misuse the stubs must catch: each line marked `# E` is a type error."""

from journeymap import JourneyMap

m = JourneyMap.from_json("{}")
m.add_stage({"id": "s"})  # E: missing name
m.add_channel({"id": "c", "name": "C", "kind": "telepathy"})  # E: not a channel kind
m.touchpoint(3)  # E: id is a str
m.remove_stage("s", cascade="yes")  # E: cascade is a bool
x: int = m.name  # E: name is a str

import datetime
from journeymap import analyze

analyze(m, "events.csv", "skip")  # E: options are keyword-only
analyze(m, "events.csv", on_bad_row="ignore")  # E: not a policy
analyze(m, "events.csv", conversion_window=30)  # E: a timedelta or a string
analyze(m, "events.csv", half_life_ms=300000)  # E: no such keyword
analyze(m, "events.csv", score_scale="one_to_ten")  # E: not a scale
rate: str = analyze(m, "events.csv").totals.conversion_rate  # E: Optional[float]
analyze(m, "events.csv").funnel.customers = 3  # E: read-only
m.to_svg(lanes=["weather"])  # E: not a lane
m.to_svg(report=3)  # E: a Report, a dict or JSON text
m.to_svg("p1", None)  # E: options after the persona are keyword-only
