//! Reading a Mermaid `journey` diagram into a [`JourneyMap`].
//!
//! The mapping is the reverse of [`super::mermaid::journey`]:
//!
//! - `title` → the map name (else a front matter `title:`, else `accTitle`,
//!   else `Untitled journey`); `accDescr` → the map description. When both a
//!   title and a different `accTitle` are given, the latter is kept in
//!   `metadata.extra.accessible_title`.
//! - each `section` → a stage, in order (a section without tasks is kept);
//! - each task → a touchpoint of the current stage, in order, with a
//!   transition from the previous task (across sections), all on one channel
//!   created for them: id `imported`, name `Imported from Mermaid`, kind
//!   `other` (only when there is at least one task);
//! - the score 1..=5 → emotion score -2..=2 (score − 3), without a label;
//! - actors → personas (named as written, in order of first appearance). A task
//!   whose actors are every persona of the diagram, or that names no actor,
//!   gets an empty persona list, which in a journey map means "all personas".
//!
//! Ids are generated from names, deterministically: lower-cased ASCII letters
//! and digits kept, every other run of characters turned into one `-`, leading
//! and trailing `-` removed, at most 64 characters; a name that leaves nothing
//! gets `stage-N`, `touchpoint-N` or `persona-N` (N = its 1-based position); a
//! repeated id gets `-2`, `-3`, ... appended. Every id matches
//! [`crate::model::ID_PATTERN`].
//!
//! Texts are trimmed and their Mermaid entity codes decoded: `#N;` (decimal
//! code point) and `#quot;` `#amp;` `#lt;` `#gt;` `#apos;` `#nbsp;`; an unknown
//! name is kept as written. Comment lines (`%%`, `%`), `%%{...}%%` directives,
//! blank lines and `#` comments to the end of a line are skipped, as Mermaid
//! does; front matter other than `title` (rendering configuration) is not map
//! data and is skipped.
//!
//! Malformed input is refused with [`Error::MermaidSyntax`] (code
//! `MERMAID_SYNTAX`) giving the 1-based line and column: empty input, a first
//! statement other than `journey`, a task before any section, a task without
//! `:`, a score that is not a whole number from 1 to 5, too many `:` in a task,
//! a raw `;` (Mermaid refuses it too), a `:` in a section name, an unterminated
//! front matter or `accDescr { ... }` block. Text larger than
//! [`crate::Limits::max_document_bytes`] gives `LIMIT_EXCEEDED`. The map built is
//! checked like any other, so a name over the string length limit is
//! reported with the usual invariant errors.
//!
//! ```
//! use journeymap::render::mermaid_import::parse_journey;
//! let map = parse_journey("journey
//!   title My working day
//!   section Go to work
//!     Make tea: 5: Me
//!     Go upstairs: 3: Me
//!   section Go home
//!     Sit down: 1: Me, Cat
//! ").unwrap();
//! assert_eq!(map.name(), "My working day");
//! assert_eq!(map.stages()[1].id, "go-home");
//! assert_eq!(map.touchpoints()[2].emotion.as_ref().unwrap().score, -2);
//! assert_eq!(map.successors("make-tea").unwrap()[0].id, "go-upstairs");
//!
//! let err = parse_journey("journey\n  Make tea: 5: Me\n").unwrap_err();
//! assert_eq!(err.code(), "MERMAID_SYNTAX");
//! assert_eq!(err.line_column(), Some((2, 3)));
//! ```

use std::collections::{HashMap, HashSet};

use crate::model::{
    Channel, ChannelKind, Emotion, JourneyDocument, Persona, PersonaId, Stage, Touchpoint,
    Transition,
};
use crate::{Error, JourneyMap, Limits};

/// Id of the channel created for imported tasks.
///
/// ```
/// use journeymap::render::mermaid_import::{parse_journey, IMPORTED_CHANNEL_ID};
/// let map = parse_journey("journey\n  section Morning\n    Make tea: 5: Me\n").unwrap();
/// assert_eq!(map.touchpoints()[0].channel.as_str(), IMPORTED_CHANNEL_ID);
/// ```
pub const IMPORTED_CHANNEL_ID: &str = "imported";

/// Name of the map when the diagram gives no title.
///
/// ```
/// use journeymap::render::mermaid_import::{parse_journey, UNTITLED};
/// let map = parse_journey("journey\n  section Morning\n    Make tea: 5: Me\n").unwrap();
/// assert_eq!(map.name(), UNTITLED);
/// ```
pub const UNTITLED: &str = "Untitled journey";

/// Longest id generated from a name (before a `-N` suffix).
const MAX_ID_CHARS: usize = 64;

/// A character of a line with where it came from: `literal` when it was
/// written as an entity code (so it is text, never syntax).
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    literal: bool,
    /// 1-based column of the character (or of its entity code).
    column: usize,
}

fn syntax(line: usize, column: usize, message: impl Into<String>) -> Error {
    Error::MermaidSyntax {
        line,
        column,
        message: message.into(),
    }
}

/// The character a named entity code stands for.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

/// Splits a line into characters, decoding entity codes `#\w+;` as Mermaid
/// does before it parses.
fn decode_line(line: &str) -> Vec<Ch> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            let body_len = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                .count();
            let end = i + 1 + body_len;
            if body_len > 0 && chars.get(end) == Some(&';') {
                let body: String = chars[i + 1..end].iter().collect();
                let decoded = if body.bytes().all(|b| b.is_ascii_digit()) {
                    body.parse::<u32>().ok().and_then(char::from_u32)
                } else {
                    named_entity(&body)
                };
                if let Some(d) = decoded {
                    out.push(Ch {
                        c: d,
                        literal: true,
                        column: i + 1,
                    });
                    i = end + 1;
                    continue;
                }
            }
        }
        out.push(Ch {
            c,
            literal: false,
            column: i + 1,
        });
        i += 1;
    }
    out
}

fn js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Syntax characters are only those not written as entity codes.
fn is_raw(ch: &Ch, c: char) -> bool {
    !ch.literal && ch.c == c
}

/// The text of a run of characters, with raw (not entity-coded) white space
/// trimmed at both ends.
fn text_of(chars: &[Ch]) -> String {
    let start = chars
        .iter()
        .position(|ch| ch.literal || !js_space(ch.c))
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|ch| ch.literal || !js_space(ch.c))
        .map_or(start, |e| e + 1);
    chars[start..end.max(start)].iter().map(|ch| ch.c).collect()
}

/// Cuts a `#` comment off, and refuses a raw `;` (Mermaid does too).
fn strip_comment(chars: &[Ch], line: usize) -> Result<&[Ch], Error> {
    let end = chars
        .iter()
        .position(|ch| is_raw(ch, '#'))
        .unwrap_or(chars.len());
    let chars = &chars[..end];
    if let Some(ch) = chars.iter().find(|ch| is_raw(ch, ';')) {
        return Err(syntax(
            line,
            ch.column,
            "`;` is not allowed in a Mermaid journey; write it as the entity code #59;",
        ));
    }
    Ok(chars)
}

/// If the (trimmed) line starts with `keyword` (case-insensitive) followed by
/// white space, or `:` when `colon` is set, the rest after it.
fn after_keyword<'a>(chars: &'a [Ch], keyword: &str, colon: bool) -> Option<&'a [Ch]> {
    let n = keyword.chars().count();
    if chars.len() < n
        || !chars[..n]
            .iter()
            .zip(keyword.chars())
            .all(|(ch, k)| !ch.literal && ch.c.eq_ignore_ascii_case(&k))
    {
        return None;
    }
    let rest = &chars[n..];
    if colon {
        let spaces = rest
            .iter()
            .take_while(|ch| !ch.literal && js_space(ch.c))
            .count();
        return match rest.get(spaces) {
            Some(ch) if is_raw(ch, ':') => Some(&rest[spaces + 1..]),
            _ => None,
        };
    }
    match rest.first() {
        Some(ch) if !ch.literal && js_space(ch.c) => Some(rest),
        None => Some(rest),
        _ => None,
    }
}

fn trim_start(chars: &[Ch]) -> &[Ch] {
    let n = chars
        .iter()
        .take_while(|ch| !ch.literal && js_space(ch.c))
        .count();
    &chars[n..]
}

/// Turns names into ids: slugs, made unique.
struct Ids {
    used: HashSet<String>,
    what: &'static str,
    count: usize,
}

impl Ids {
    fn new(what: &'static str) -> Self {
        Ids {
            used: HashSet::new(),
            what,
            count: 0,
        }
    }

    fn next(&mut self, name: &str) -> String {
        self.count += 1;
        let mut slug = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= MAX_ID_CHARS {
                break;
            }
        }
        let slug = slug.trim_end_matches('-');
        let base = if slug.is_empty() {
            format!("{}-{}", self.what, self.count)
        } else {
            slug.to_owned()
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// A task as read, before ids are given.
struct Task {
    name: String,
    stage: usize,
    score: i64,
    actors: Vec<String>,
}

/// What a diagram says, before it becomes a document.
#[derive(Default)]
struct Parsed {
    title: Option<String>,
    front_title: Option<String>,
    acc_title: Option<String>,
    acc_descr: Option<String>,
    sections: Vec<String>,
    tasks: Vec<Task>,
}

/// Reads front matter (`---` ... `---`) at the start, returning the title it
/// gives and the number of lines it takes.
fn front_matter(lines: &[&str]) -> Result<(Option<String>, usize), Error> {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Ok((None, 0));
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---") else {
        return Err(syntax(
            1,
            1,
            "front matter opened with `---` is never closed",
        ));
    };
    let mut title = None;
    for (k, l) in lines[1..=end].iter().enumerate() {
        if let Some(v) = l.strip_prefix("title:") {
            let v = v.trim();
            let value = if v.starts_with('"') {
                serde_json::from_str::<String>(v).map_err(|e| {
                    syntax(
                        k + 2,
                        8,
                        format!("front matter title is not a valid quoted string: {e}"),
                    )
                })?
            } else if let Some(inner) = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                inner.replace("''", "'")
            } else {
                v.to_owned()
            };
            title = Some(value);
        }
    }
    Ok((title, end + 2))
}

fn parse_text(text: &str) -> Result<Parsed, Error> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let (front_title, skip) = front_matter(&lines)?;
    let mut parsed = Parsed {
        front_title,
        ..Parsed::default()
    };
    let mut seen_header = false;
    let mut n = skip;
    while n < lines.len() {
        let line_no = n + 1;
        let raw = lines[n];
        n += 1;
        let trimmed = raw.trim_start_matches(js_space);
        if trimmed.is_empty() || trimmed.starts_with('%') {
            continue;
        }
        let decoded = decode_line(raw);
        let chars = trim_start(&decoded);
        if chars.first().is_some_and(|ch| is_raw(ch, '#')) {
            continue;
        }
        let first_col = chars.first().map_or(1, |ch| ch.column);
        if !seen_header {
            let word: String = trimmed
                .chars()
                .take_while(|c| !js_space(*c) && *c != '#')
                .collect();
            if !word.eq_ignore_ascii_case("journey") {
                return Err(syntax(
                    line_no,
                    first_col,
                    format!("not a Mermaid journey diagram: expected `journey`, found `{word}`"),
                ));
            }
            let rest = strip_comment(&chars[word.chars().count()..], line_no)?;
            if let Some(ch) = trim_start(rest).first() {
                return Err(syntax(
                    line_no,
                    ch.column,
                    "`journey` must stand alone on its line",
                ));
            }
            seen_header = true;
            continue;
        }
        // accDescr { ... } may span lines and is not subject to comments.
        if let Some(rest) = after_keyword(chars, "accdescr", false)
            .map(trim_start)
            .filter(|r| r.first().is_some_and(|ch| is_raw(ch, '{')))
        {
            let mut body: Vec<Ch> = rest[1..].to_vec();
            let mut close = body.iter().position(|ch| is_raw(ch, '}'));
            while close.is_none() {
                let scanned = body.len();
                if n >= lines.len() {
                    return Err(syntax(
                        line_no,
                        first_col,
                        "`accDescr {` block is never closed with `}`",
                    ));
                }
                body.push(Ch {
                    c: '\n',
                    literal: false,
                    column: 0,
                });
                body.extend(decode_line(lines[n]));
                n += 1;
                close = body[scanned..]
                    .iter()
                    .position(|ch| is_raw(ch, '}'))
                    .map(|k| k + scanned);
            }
            let end = close.unwrap_or(body.len());
            parsed.acc_descr = Some(text_of(&body[..end]));
            continue;
        }
        let chars = strip_comment(chars, line_no)?;
        if let Some(rest) = after_keyword(chars, "acctitle", true) {
            parsed.acc_title = Some(text_of(rest));
        } else if let Some(rest) = after_keyword(chars, "accdescr", true) {
            parsed.acc_descr = Some(text_of(rest));
        } else if let Some(rest) = after_keyword(chars, "title", false) {
            parsed.title = Some(text_of(rest));
        } else if let Some(rest) = after_keyword(chars, "section", false) {
            if let Some(ch) = rest.iter().find(|ch| is_raw(ch, ':')) {
                return Err(syntax(
                    line_no,
                    ch.column,
                    "a section name cannot contain `:`; write it as the entity code #58;",
                ));
            }
            let name = text_of(rest);
            if name.is_empty() {
                return Err(syntax(line_no, first_col, "`section` needs a name"));
            }
            parsed.sections.push(name);
        } else {
            parsed.tasks.push(task(chars, line_no, first_col, &parsed)?);
        }
    }
    if !seen_header {
        return Err(syntax(
            1,
            1,
            "empty input: a Mermaid journey diagram starts with `journey`",
        ));
    }
    Ok(parsed)
}

/// Reads `name: score[: actor, actor...]`.
fn task(chars: &[Ch], line: usize, first_col: usize, parsed: &Parsed) -> Result<Task, Error> {
    if parsed.sections.is_empty() {
        return Err(syntax(
            line,
            first_col,
            "a task must come after a `section` line",
        ));
    }
    let parts: Vec<&[Ch]> = chars.split(|ch| is_raw(ch, ':')).collect();
    let end_col = chars.last().map_or(first_col, |ch| ch.column + 1);
    if parts.len() < 2 {
        return Err(syntax(
            line,
            end_col,
            "missing `:` after the task name (expected `Task name: score: actors`)",
        ));
    }
    if parts.len() > 3 {
        let extra = chars.iter().filter(|ch| is_raw(ch, ':')).nth(2);
        return Err(syntax(
            line,
            extra.map_or(end_col, |ch| ch.column),
            "too many `:` in a task (expected `Task name: score: actors`); write a `:` inside a name as #58;",
        ));
    }
    let name = text_of(parts[0]);
    if name.is_empty() {
        return Err(syntax(line, first_col, "a task needs a name before `:`"));
    }
    let score_text = text_of(parts[1]);
    // The score's first visible character, else just after the first `:`.
    let after_colon = chars
        .iter()
        .find(|ch| is_raw(ch, ':'))
        .map_or(end_col, |ch| ch.column + 1);
    let score_col = parts[1]
        .iter()
        .find(|ch| ch.literal || !js_space(ch.c))
        .map_or(after_colon, |ch| ch.column);
    let score = match score_text.parse::<i64>() {
        Ok(s) if (1..=5).contains(&s) => s,
        _ => {
            return Err(syntax(
                line,
                score_col,
                format!("score {score_text:?} is not a whole number from 1 to 5"),
            ))
        }
    };
    let actors = parts
        .get(2)
        .map(|a| {
            a.split(|ch| is_raw(ch, ','))
                .map(text_of)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok(Task {
        name,
        stage: parsed.sections.len() - 1,
        score,
        actors,
    })
}

/// Builds the map from what was read.
fn build(parsed: Parsed) -> Result<JourneyMap, Error> {
    let title = parsed
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| parsed.front_title.clone().filter(|t| !t.trim().is_empty()))
        .or_else(|| parsed.acc_title.clone().filter(|t| !t.trim().is_empty()));
    let mut doc = JourneyDocument::new(title.clone().unwrap_or_else(|| UNTITLED.to_owned()));
    doc.description = parsed.acc_descr.filter(|d| !d.is_empty());
    if let Some(acc) = parsed.acc_title.filter(|a| Some(a) != title.as_ref()) {
        doc.metadata
            .extra
            .insert("accessible_title".into(), serde_json::Value::String(acc));
    }

    let mut stage_ids = Ids::new("stage");
    for name in &parsed.sections {
        doc.stages
            .push(Stage::new(stage_ids.next(name), name.clone()));
    }

    let mut persona_ids = Ids::new("persona");
    let mut personas: HashMap<String, PersonaId> = HashMap::new();
    for actor in parsed.tasks.iter().flat_map(|t| &t.actors) {
        if !personas.contains_key(actor) {
            let id = PersonaId::new(persona_ids.next(actor));
            personas.insert(actor.clone(), id.clone());
            doc.personas.push(Persona::new(id, actor.clone()));
        }
    }

    if !parsed.tasks.is_empty() {
        doc.channels.push(Channel::new(
            IMPORTED_CHANNEL_ID,
            "Imported from Mermaid",
            ChannelKind::Other,
        ));
    }
    let mut tp_ids = Ids::new("touchpoint");
    for task in &parsed.tasks {
        let mut tp = Touchpoint::new(
            tp_ids.next(&task.name),
            task.name.clone(),
            doc.stages[task.stage].id.clone(),
            IMPORTED_CHANNEL_ID,
        );
        tp.emotion = Some(Emotion {
            score: task.score - 3,
            label: None,
        });
        let mut ids: Vec<PersonaId> = Vec::new();
        let mut seen = HashSet::new();
        for actor in &task.actors {
            if let Some(id) = personas.get(actor) {
                if seen.insert(id) {
                    ids.push(id.clone());
                }
            }
        }
        if ids.len() < personas.len() {
            tp.personas = ids;
        }
        doc.touchpoints.push(tp);
    }
    let transitions: Vec<Transition> = doc
        .touchpoints
        .windows(2)
        .map(|w| Transition::new(w[0].id.clone(), w[1].id.clone()))
        .collect();
    doc.transitions = transitions;
    JourneyMap::from_document(doc)
}

/// Parses a Mermaid `journey` diagram into a map (see the module
/// documentation for the mapping, the ids and the errors).
///
/// ```
/// use journeymap::render::mermaid_import::parse_journey;
/// let map = parse_journey("journey\n  title Evening\n  section Home\n    Cook: 4: Me, Partner\n").unwrap();
/// assert_eq!((map.name(), map.personas().len()), ("Evening", 2));
/// assert_eq!(parse_journey("flowchart LR\n").unwrap_err().code(), "MERMAID_SYNTAX");
/// ```
pub fn parse_journey(text: &str) -> Result<JourneyMap, Error> {
    let limit = Limits::default().max_document_bytes;
    if text.len() > limit {
        return Err(Error::LimitExceeded {
            path: String::new(),
            what: format!("Mermaid text of {} bytes", text.len()),
            limit,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    build(parse_text(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_and_unique() {
        let mut ids = Ids::new("stage");
        assert_eq!(ids.next("Go to work!"), "go-to-work");
        assert_eq!(ids.next("go  to   WORK"), "go-to-work-2");
        assert_eq!(ids.next("日本"), "stage-3");
        assert_eq!(ids.next("--x--"), "x");
        let long = ids.next(&"a".repeat(500));
        assert_eq!(long.len(), MAX_ID_CHARS);
        for id in ["go-to-work", "stage-3", "x", long.as_str()] {
            assert!(crate::model::is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn entity_codes_decode() {
        let chars = decode_line("a#35;b#quot;#bogus;#59;");
        let text: String = chars.iter().map(|c| c.c).collect();
        assert_eq!(text, "a#b\"#bogus;;");
        assert!(chars[1].literal && !chars[0].literal);
    }
}
