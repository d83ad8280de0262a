//! The rule catalogue: every lint rule's code, name, default severity and
//! documentation (what it checks, why it matters, how to fix it). The CLI's
//! `journeymap lint --list` / `--explain` and `docs/lint-rules.md` are all
//! printed from here.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::LintSeverity;

/// The theme a rule belongs to.
///
/// ```
/// use journeymap::lint::Theme;
/// assert_eq!(Theme::Structure.as_str(), "structure");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// The lint settings themselves.
    Configuration,
    /// Stages, reachability, paths through the map.
    Structure,
    /// Pain points, emotions and the evidence behind them.
    Insight,
    /// Who owns each step and whether steps duplicate each other.
    Ownership,
    /// Personas and channels: who the map is for and where they are met.
    Audience,
    /// Consistency of what the business says along the journey.
    Messaging,
    /// Objectives and KPIs: what the map is for and how success is measured.
    Objectives,
    /// Whether the map is kept up to date.
    Freshness,
}

impl Theme {
    /// Stable snake_case name.
    ///
    /// ```
    /// use journeymap::lint::{rule, Theme};
    /// assert_eq!(rule("JM-L017").unwrap().theme.as_str(), "freshness");
    /// assert_eq!(Theme::Structure.as_str(), "structure");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Configuration => "configuration",
            Theme::Structure => "structure",
            Theme::Insight => "insight",
            Theme::Ownership => "ownership",
            Theme::Audience => "audience",
            Theme::Messaging => "messaging",
            Theme::Objectives => "objectives",
            Theme::Freshness => "freshness",
        }
    }
}

/// One lint rule: its stable code and name, its default severity and its
/// documentation.
///
/// ```
/// use journeymap::lint::rule;
/// let r = rule("JM-L001").unwrap();
/// assert_eq!(r.name, "stage-without-touchpoints");
/// // Rules can be looked up by name too, in any case.
/// assert_eq!(rule("Stage-Without-Touchpoints").unwrap().code, "JM-L001");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code, `JM-L` and three digits.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Severity when neither the map nor the caller overrides it.
    pub default_severity: LintSeverity,
    /// The theme it belongs to.
    pub theme: Theme,
    /// One-line summary.
    pub summary: &'static str,
    /// Exactly what is checked, and when the rule does not fire.
    pub checks: &'static str,
    /// Why it matters in journey-mapping practice.
    pub why: &'static str,
    /// What to do about a finding.
    pub fix: &'static str,
}

use LintSeverity::{Error, Info, Warning};

/// Every rule, in code order.
///
/// ```
/// use journeymap::lint::RULES;
/// assert_eq!(RULES[0].code, "JM-L000");
/// assert!(RULES.windows(2).all(|w| w[0].code < w[1].code));
/// assert!(RULES.iter().all(|r| !r.why.is_empty() && !r.fix.is_empty()));
/// ```
pub const RULES: &[Rule] = &[
    Rule {
        code: "JM-L000",
        name: "unknown-lint-rule",
        default_severity: Warning,
        theme: Theme::Configuration,
        summary: "Lint settings name a rule that does not exist",
        checks: "Every entry of the map's `metadata.lint.disable` and every key of \
`metadata.lint.severity` must be a rule code (`JM-L003`) or a rule name (`dead-end`), in any \
letter case. An unknown entry is reported at its JSON path, e.g. `/metadata/lint/disable/0`. \
Unknown codes in the lint configuration passed by the caller (CLI flags, API) are reported \
too, at the document root `\"\"`, with a message saying they come from the configuration; \
the CLI refuses them outright (exit status 2) and `LintConfig::check` returns them as errors.",
        why: "A misspelt code silently does nothing: the rule the author meant to turn off keeps \
firing, or the severity they meant to raise stays low. Settings that do nothing are never \
ignored quietly.",
        fix: "Correct the code or name (`journeymap lint --list` shows them all) or remove the entry.",
    },
    Rule {
        code: "JM-L001",
        name: "stage-without-touchpoints",
        default_severity: Warning,
        theme: Theme::Structure,
        summary: "Stage with no touchpoints",
        checks: "Fires for every stage that no touchpoint belongs to.",
        why: "A stage is a phase the customer goes through; with no touchpoint the map says \
nothing about where the business meets the customer in that phase, so the phase can be \
neither measured nor improved.",
        fix: "Add the touchpoints customers meet in that stage (ads, pages, calls, store visits), \
or remove the stage if customers do not really pass through it.",
    },
    Rule {
        code: "JM-L002",
        name: "unreachable-touchpoint",
        default_severity: Error,
        theme: Theme::Structure,
        summary: "Touchpoint that no customer can reach from an entry point",
        checks: "Entry points are the touchpoints no transition leads into, apart from \
transitions marked `loop` (see `JourneyMap::entries`). Starting from every entry, all \
transitions (loops included) are followed; a touchpoint never reached fires. This happens \
when transitions form a cycle with no way in (A -> B -> A, nothing -> A). A touchpoint with \
no transitions at all is its own entry and does not fire.",
        why: "A step no customer can get to describes nothing real: either a transition into it \
is missing or a transition is pointing the wrong way. Funnels and path analyses computed \
from the map will never show it.",
        fix: "Add a transition into it from a step customers do reach, or, if one transition \
into it is a deliberate return to an earlier step, mark that transition `\"loop\": true` so \
the step becomes an entry point.",
    },
    Rule {
        code: "JM-L003",
        name: "dead-end",
        default_severity: Warning,
        theme: Theme::Structure,
        summary: "Step from which no path leads to a conversion",
        checks: "Runs only when the map has conversions (touchpoints of kind `conversion`, or \
named by an objective's `conversion`). Fires for every touchpoint of kind `step` that is \
not itself a conversion, from which no sequence of transitions (loops included) reaches a \
conversion, and that is not after a conversion (reachable from one through transitions not \
marked `loop`): steps after the purchase, such as onboarding or reviews, are where the \
journey may end. Touchpoints of kind `exit` are planned ways out and never fire; a step \
whose only next steps are exits does.",
        why: "Every step should move the customer forward. A step that leads nowhere is where \
customers drop out without the business having planned it.",
        fix: "Add a transition from the step towards the conversion (a call to action, a \
follow-up), mark it as an `exit` if leaving here is planned, or remove it.",
    },
    Rule {
        code: "JM-L004",
        name: "competing-paths",
        default_severity: Warning,
        theme: Theme::Structure,
        summary: "Alternative routes through one stage to the same conversion",
        checks: "Checked once per persona (once for everyone when the map has no personas), on \
the persona's planned graph: the touchpoints that apply to it and the transitions that apply \
to it, leaving out transitions marked `loop`. Its entries are the touchpoints with no \
transition into them in that graph. Two touchpoints A and B compete when (1) they are in \
the same stage, (2) neither can reach the other, (3) one entry reaches both, and (4) both \
reach the same conversion touchpoint. There are then two distinct routes from that entry to \
that conversion, one through A and one through B, and the customer has to pick one. Steps \
of a stage that follow each other do not compete; the same conversion reached by routes \
through different stages only competes where the routes pass through the same stage. Each \
touchpoint is reported once, against the first (in document order) touchpoint it competes \
with. The check needs memory proportional to the square of the number of touchpoints on \
routes to a conversion; beyond 10 000 such touchpoints for one persona it is not run and \
says so in a finding of its own.",
        why: "A journey map should show the one path the business designs for a persona, not a \
choose-your-own-adventure. Parallel routes split the effort (two experiences to build and \
measure), blur who owns the outcome and make the funnel impossible to read.",
        fix: "Keep one planned route per persona: merge the two steps, restrict each to the \
personas it serves (the touchpoint's or the transitions' `personas`), or remove the \
transition that opens the detour.",
    },
    Rule {
        code: "JM-L005",
        name: "unmarked-backward-transition",
        default_severity: Warning,
        theme: Theme::Structure,
        summary: "Transition back to an earlier stage that is not marked as a loop",
        checks: "Fires for every transition whose target touchpoint is in a stage earlier in \
the journey (stage order = order of `stages`) than its source, and that is not marked \
`\"loop\": true`.",
        why: "Going back to an earlier stage is either a deliberate loop (repurchase, renewal, \
re-evaluation) or a mistake in the map. Unmarked, it turns the later steps into entry-less \
cycles, hides entry points and muddles funnels.",
        fix: "If customers deliberately return, set `\"loop\": true` on the transition; \
otherwise point it at a touchpoint of the same or a later stage.",
    },
    Rule {
        code: "JM-L006",
        name: "pain-point-without-opportunity",
        default_severity: Warning,
        theme: Theme::Insight,
        summary: "Pain point that no opportunity addresses",
        checks: "Fires for every pain point whose id is not listed in the `addresses` of any \
opportunity anywhere in the map (an opportunity on another touchpoint counts).",
        why: "Recording what hurts without deciding what to do about it is the classic \
journey-mapping failure: failing to act on insights. Each pain point should lead to at \
least one idea to fix it.",
        fix: "Add an opportunity (on this or another touchpoint) whose `addresses` lists the \
pain point, even as a status `idea`, or remove the pain point if it no longer applies.",
    },
    Rule {
        code: "JM-L007",
        name: "touchpoint-without-owner",
        default_severity: Warning,
        theme: Theme::Ownership,
        summary: "Touchpoint with no owning team",
        checks: "Fires for every touchpoint without an `owner`.",
        why: "Who manages each step? A step nobody owns is a step nobody improves, and the \
insights the map produces have nobody to go to.",
        fix: "Set `owner` to the team responsible for the step (add the team to `teams` first \
if needed).",
    },
    Rule {
        code: "JM-L008",
        name: "persona-without-journey",
        default_severity: Warning,
        theme: Theme::Audience,
        summary: "Persona that no touchpoint applies to",
        checks: "Fires for every persona that no touchpoint applies to. A touchpoint applies to \
the personas in its `personas` list, or to every persona when the list is empty, so the rule \
fires only when every touchpoint names specific personas and none names this one (or when \
the map has no touchpoints).",
        why: "A persona is in the map because the business serves that customer; without a \
journey the map says nothing about how.",
        fix: "Add the persona to the `personas` of the touchpoints it passes (or leave a \
touchpoint's list empty so it applies to everyone), or remove the persona.",
    },
    Rule {
        code: "JM-L009",
        name: "only-digital-channels",
        default_severity: Warning,
        theme: Theme::Audience,
        summary: "Every touchpoint is on a digital channel",
        checks: "Fires once, at `/channels`, when the map has touchpoints and every channel a \
touchpoint uses is of kind `digital`. Channels declared but used by no touchpoint do not \
count.",
        why: "Customers also meet the business in stores, on the phone, through packaging and \
delivery, in sales meetings. Mapping only the online experience misses where many journeys \
are won or lost.",
        fix: "Add the physical and human touchpoints customers meet (store, phone line, \
delivery, account manager), or disable the rule for a business that is really online-only.",
    },
    Rule {
        code: "JM-L010",
        name: "no-negative-emotion",
        default_severity: Warning,
        theme: Theme::Insight,
        summary: "No negative emotion recorded anywhere",
        checks: "Fires once, at `/touchpoints`, when the map has touchpoints and none has an \
emotion with a negative score (-1 or -2), including when no touchpoint records an emotion.",
        why: "Every real journey has low points. A map without any is ignoring negative \
experiences, usually because it was written from the business's side rather than from \
research with customers.",
        fix: "Record what customers actually feel at each touchpoint (`emotion`), from \
interviews, surveys or support tickets, including where they are frustrated or anxious.",
    },
    Rule {
        code: "JM-L011",
        name: "step-without-evidence",
        default_severity: Info,
        theme: Theme::Insight,
        summary: "Touchpoint not backed by any evidence",
        checks: "Fires for every touchpoint (of any kind) with an empty `evidence` list.",
        why: "A journey map built on assumptions describes the journey the business imagines. \
Evidence (interviews, surveys, analytics, support tickets) is what makes a step trustworthy.",
        fix: "Add the research or data that shows customers really do this, with a `source` and \
ideally a `url`.",
    },
    Rule {
        code: "JM-L012",
        name: "tone-change",
        default_severity: Warning,
        theme: Theme::Messaging,
        summary: "Tone of voice changes between consecutive touchpoints",
        checks: "Fires for every transition (loops included) where both touchpoints state a \
`message.tone` and the tones differ, ignoring letter case and surrounding spaces.",
        why: "Is your messaging consistent? A customer who meets a playful ad and then a stiff, \
formal checkout feels they are dealing with two different businesses.",
        fix: "Align the tone of the two touchpoints with the brand voice, or record why the \
change is intended and disable the rule for the map.",
    },
    Rule {
        code: "JM-L013",
        name: "purpose-change",
        default_severity: Info,
        theme: Theme::Messaging,
        summary: "Message purpose changes between consecutive touchpoints of one stage",
        checks: "Fires for every transition between two touchpoints of the same stage where both \
state a `message.purpose` and the purposes differ, ignoring letter case and surrounding \
spaces. Purposes are expected to change from one stage to the next (inform, then persuade, \
then reassure), so transitions between stages are not checked.",
        why: "Within one phase the customer should get one consistent message; switching from \
persuading to informing and back between consecutive steps sends mixed signals.",
        fix: "Give consecutive steps of the stage one purpose, or split the stage if the \
customer really moves on to a new phase.",
    },
    Rule {
        code: "JM-L014",
        name: "duplicate-touchpoint",
        default_severity: Warning,
        theme: Theme::Ownership,
        summary: "Two touchpoints in one stage on the same channel with the same purpose",
        checks: "Fires for every touchpoint that has the same stage, the same channel and the \
same `message.purpose` (ignoring letter case and surrounding spaces) as an earlier \
touchpoint in the document; it names the first one. Touchpoints without a stated purpose are \
not compared.",
        why: "Duplication in tools: two teams or two systems doing the same job for the customer \
at the same moment, e.g. two welcome emails, cost twice and confuse the customer.",
        fix: "Merge the two touchpoints into one owned by one team, or give them distinct \
purposes if they really serve different needs.",
    },
    Rule {
        code: "JM-L015",
        name: "objective-without-kpi",
        default_severity: Warning,
        theme: Theme::Objectives,
        summary: "Objective with no KPI",
        checks: "Fires for every objective with an empty `kpis` list.",
        why: "An objective nobody measures cannot be met or missed; the map cannot show whether \
the changes it leads to work.",
        fix: "Add at least one KPI (name, target and unit) that tells whether the objective is \
met.",
    },
    Rule {
        code: "JM-L016",
        name: "kpi-without-target",
        default_severity: Warning,
        theme: Theme::Objectives,
        summary: "KPI with no target",
        checks: "Fires for every KPI, of an objective or of a touchpoint, without a `target`.",
        why: "A measure without a target is a statistic, not a KPI: nobody can say whether a \
value is good or bad.",
        fix: "Set the `target` (and its `unit`) the business aims for.",
    },
    Rule {
        code: "JM-L017",
        name: "review-overdue",
        default_severity: Warning,
        theme: Theme::Freshness,
        summary: "Map not reviewed for longer than the allowed age",
        checks: "Needs today's date from the caller (the library never reads the clock; the CLI \
passes the system date or `--today`); without it the rule does not run. Fires when \
`metadata.last_reviewed` is more than N days before today. N comes from the lint \
configuration (`--max-review-age`), else from the map's \
`metadata.lint.max_review_age_days`, else 180.",
        why: "Journeys change with products, channels and customers; a map that is not regularly \
updated drifts from reality and leads to decisions about a journey that no longer exists.",
        fix: "Review the map against current research and data, then set \
`metadata.last_reviewed` to the review date.",
    },
    Rule {
        code: "JM-L018",
        name: "never-reviewed",
        default_severity: Warning,
        theme: Theme::Freshness,
        summary: "Map has no review date",
        checks: "Fires when `metadata.last_reviewed` is absent (whether or not today's date is \
known).",
        why: "Without a review date nobody can tell whether the map still describes the \
journey customers take today.",
        fix: "Review the map and record the date in `metadata.last_reviewed` (YYYY-MM-DD).",
    },
    Rule {
        code: "JM-L019",
        name: "review-date-in-future",
        default_severity: Warning,
        theme: Theme::Freshness,
        summary: "Review date after today",
        checks: "Needs today's date from the caller; without it the rule does not run. Fires \
when `metadata.last_reviewed` is after today.",
        why: "A review date in the future is a typing mistake, and it stops the map from ever \
being reported as overdue.",
        fix: "Set `metadata.last_reviewed` to the date the map was actually reviewed.",
    },
    Rule {
        code: "JM-L020",
        name: "map-without-objective",
        default_severity: Warning,
        theme: Theme::Objectives,
        summary: "Map has no objective",
        checks: "Fires when the map has no objective.",
        why: "A journey map is made for a purpose (reduce cart abandonment, raise retention). \
Without one, nobody can say which pain points matter most or whether the map did its job.",
        fix: "Add an objective with its KPIs and, where it applies, its conversion (a touchpoint \
or a stage).",
    },
    Rule {
        code: "JM-L021",
        name: "map-without-persona",
        default_severity: Warning,
        theme: Theme::Audience,
        summary: "Map has no persona",
        checks: "Fires when the map has no persona.",
        why: "A journey is always someone's journey. Without a persona, the map mixes customers \
with different goals and its emotions and pain points describe nobody in particular.",
        fix: "Add the persona (or personas) whose journey the map follows, with their goals and \
frustrations.",
    },
];

/// The rule with this code or name (letter case ignored).
///
/// ```
/// use journeymap::lint::rule;
/// assert_eq!(rule("jm-l003").unwrap().name, "dead-end");
/// assert!(rule("JM-L999").is_none());
/// ```
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    let key = code_or_name.trim();
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// Position of a rule in [`RULES`].
pub(crate) fn rule_index(code_or_name: &str) -> Option<usize> {
    let key = code_or_name.trim();
    RULES
        .iter()
        .position(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

impl Rule {
    /// The rule's documentation as plain text, as `journeymap lint --explain`
    /// prints it.
    ///
    /// ```
    /// let text = journeymap::lint::rule("JM-L003").unwrap().explain();
    /// assert!(text.starts_with("JM-L003 dead-end (warning)"));
    /// assert!(text.contains("How to fix"));
    /// ```
    pub fn explain(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {} ({})",
            self.code,
            self.name,
            severity_str(self.default_severity)
        );
        let _ = writeln!(s, "{}.", self.summary);
        for (title, body) in [
            ("What it checks", self.checks),
            ("Why it matters", self.why),
            ("How to fix", self.fix),
        ] {
            let _ = writeln!(s, "\n{title}:");
            for line in wrap(body, 76) {
                let _ = writeln!(s, "  {line}");
            }
        }
        let _ = writeln!(
            s,
            "\nTurn it off for one map with \"metadata\": {{\"lint\": {{\"disable\": [\"{}\"]}}}},\n\
             or change its severity with \"severity\": {{\"{}\": \"info\"}} there.",
            self.code, self.code
        );
        s
    }
}

/// Lower-case name of a severity (`info`, `warning`, `error`).
///
/// ```
/// use journeymap::{lint::severity_str, model::LintSeverity};
/// assert_eq!(severity_str(LintSeverity::Warning), "warning");
/// ```
pub fn severity_str(severity: LintSeverity) -> &'static str {
    match severity {
        LintSeverity::Info => "info",
        LintSeverity::Warning => "warning",
        LintSeverity::Error => "error",
    }
}

/// Greedy word wrap (words longer than `width` stay whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The whole catalogue as JSON (every [`Rule`], in code order, pretty
/// printed with a trailing newline): the text of `schema/lint-rules.json`,
/// from which the bindings generate their rule-code types.
///
/// ```
/// let rules: serde_json::Value = serde_json::from_str(&journeymap::lint::catalogue_json()).unwrap();
/// assert_eq!(rules[1]["code"], "JM-L001");
/// assert_eq!(rules[1]["name"], "stage-without-touchpoints");
/// ```
pub fn catalogue_json() -> String {
    // A list of structs of strings and unit enums: serialising cannot fail.
    let mut text = serde_json::to_string_pretty(RULES).unwrap_or_default();
    text.push('\n');
    text
}

/// The whole catalogue as Markdown: the text of `docs/lint-rules.md`.
///
/// ```
/// let md = journeymap::lint::catalogue_markdown();
/// assert!(md.contains("## JM-L001 stage-without-touchpoints"));
/// ```
pub fn catalogue_markdown() -> String {
    let mut s = String::new();
    s.push_str(
        "# Lint rules\n\n\
         <!-- Generated from core/src/lint/catalogue.rs; do not edit. Regenerate with:\n     \
         JOURNEYMAP_BLESS=1 cargo test -p journeymap --test fresh -->\n\n\
         `journeymap lint FILE` checks a valid map against journey-mapping practice. Each \
         finding (a *diagnostic*) has a stable rule code, the rule name, a severity, a message \
         naming the entity by its name and id, its location (entity kind, id and JSON Pointer \
         into the document) and a hint of what to do.\n\n\
         ## Severity and settings\n\n\
         - Severities are `info`, `warning` and `error`. `journeymap lint` exits with status 1 \
         when any diagnostic has severity `error`, 0 otherwise (2 for usage or I/O errors).\n\
         - Each rule has a default severity. A map overrides it in \
         `metadata.lint.severity` (`{\"JM-L011\": \"warning\"}`); the caller's configuration \
         overrides both.\n\
         - A rule is off when the map lists it in `metadata.lint.disable` or the caller \
         disables it (`--disable`). Settings name a rule by code or by name, in any letter \
         case. An unknown code is reported by `JM-L000`, never ignored.\n\
         - Review age (`JM-L017`): the caller's `--max-review-age`, else the map's \
         `metadata.lint.max_review_age_days`, else 180 days. Today's date always comes from \
         the caller (the CLI uses the system date in UTC unless `--today` is given).\n\
         - Diagnostics are ordered by rule code, then by location in document order.\n\n\
         ## Rules\n\n\
         | Code | Name | Default severity | Theme | Summary |\n\
         |------|------|------------------|-------|---------|\n",
    );
    for r in RULES {
        let _ = writeln!(
            s,
            "| {} | `{}` | {} | {} | {} |",
            r.code,
            r.name,
            severity_str(r.default_severity),
            r.theme.as_str(),
            r.summary
        );
    }
    for r in RULES {
        let _ = write!(
            s,
            "\n## {} {}\n\n{}. Default severity: **{}**; theme: {}.\n\n\
             **What it checks.** {}\n\n**Why it matters.** {}\n\n**How to fix.** {}\n",
            r.code,
            r.name,
            r.summary,
            severity_str(r.default_severity),
            r.theme.as_str(),
            r.checks,
            r.why,
            r.fix
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sequential_unique_and_names_kebab_case() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code, format!("JM-L{i:03}"));
            assert!(
                r.name
                    .split('-')
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
                "{}",
                r.name
            );
            assert_eq!(rule(r.name).map(|x| x.code), Some(r.code));
            for text in [r.summary, r.checks, r.why, r.fix] {
                assert!(!text.trim().is_empty());
            }
            assert!(!r.summary.ends_with('.'), "{}", r.code);
        }
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn wrap_keeps_every_word() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, 10);
        assert!(lines.iter().all(|l| l.len() <= 10));
        assert_eq!(lines.join(" "), text);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }
}
