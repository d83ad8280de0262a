//! The text report: a readable summary of a [`Report`], the same from the
//! CLI (`journeymap analyze --format text`), Python (`str(report)`,
//! `report.to_text()`) and JavaScript (`report.toText()`).

use std::fmt::Write as _;

use super::report::{AttributionRow, Durations, Funnel, Report};
use crate::JourneyMap;

/// Options of [`Report::to_text`].
///
/// ```
/// use journeymap::analytics::TextOptions;
/// assert_eq!(TextOptions::new().top(3).top, 3);
/// assert_eq!(TextOptions::default().top, 10);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextOptions {
    /// How many transitions to list (most frequent first).
    pub top: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { top: 10 }
    }
}

impl TextOptions {
    /// The defaults: the top 10 transitions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how many transitions to list.
    pub fn top(mut self, top: usize) -> Self {
        self.top = top;
        self
    }
}

impl Report {
    /// The report as readable text: totals, the funnel, segments,
    /// touchpoints, top transitions and variants, conformance and
    /// attribution, in aligned tables. `map` is the map the report was
    /// computed against (for channel names).
    ///
    /// ```
    /// use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions, TextOptions};
    /// let map = journeymap::JourneyMap::from_json(r#"{"name": "Shop", "stages": [{"id": "s", "name": "Visit"}],
    ///   "channels": [{"id": "w", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w"},
    ///                   {"id": "pay", "name": "Pay", "stage": "s", "channel": "w", "kind": "conversion"}]}"#).unwrap();
    /// let csv = "customer_id,timestamp,touchpoint,value\nc1,2026-03-01T09:00:00Z,home,\nc1,2026-03-01T09:05:00Z,pay,1234.5\n";
    /// let log = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap();
    /// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
    /// let text = report.to_text(&map, &TextOptions::new());
    /// assert!(text.starts_with("Shop\n2 events"));
    /// assert!(text.contains("conversion value 1,234.50, median time to convert 5m 0s"));
    /// ```
    pub fn to_text(&self, map: &JourneyMap, options: &TextOptions) -> String {
        summary(map, self, options.top)
    }
}

/// A count with thousands separators, as the text report writes counts.
///
/// ```
/// assert_eq!(journeymap::analytics::format_count(1_234_567), "1,234,567");
/// ```
pub fn format_count(n: u64) -> String {
    group(n)
}

/// `1234567` as `1,234,567`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "-".into(),
    }
}

fn money(v: f64) -> String {
    let whole = v.abs().trunc() as u64;
    let cents = ((v.abs() - v.abs().trunc()) * 100.0).round() as u64;
    let (whole, cents) = if cents == 100 {
        (whole + 1, 0)
    } else {
        (whole, cents)
    };
    format!(
        "{}{}.{cents:02}",
        if v < 0.0 { "-" } else { "" },
        group(whole)
    )
}

/// A duration in milliseconds, to two units: `3d 4h`, `5h 12m`, `12m 5s`, `4.2s`.
fn duration(ms: Option<i64>) -> String {
    let Some(ms) = ms else { return "-".into() };
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    let (s, m, h, d) = (1_000, 60_000, 3_600_000, 86_400_000);
    let text = if ms >= d {
        format!("{}d {}h", ms / d, ms % d / h)
    } else if ms >= h {
        format!("{}h {}m", ms / h, ms % h / m)
    } else if ms >= m {
        format!("{}m {}s", ms / m, ms % m / s)
    } else if ms >= s {
        format!("{:.1}s", ms as f64 / 1000.0)
    } else {
        format!("{ms}ms")
    };
    format!("{sign}{text}")
}

/// Pads and aligns a table; `align` has one letter per column, `l` for
/// left-aligned, anything else for right-aligned.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], align: &str) {
    let align = align.as_bytes();
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            width[i] = width[i].max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut text = String::from(" ");
        for (i, cell) in cells.iter().enumerate() {
            let pad = width[i] - cell.chars().count();
            text.push(' ');
            if align.get(i) == Some(&b'l') {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
            text.push(' ');
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    let head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    line(out, &head);
    for row in rows {
        line(out, row);
    }
}

fn median(d: &Durations) -> String {
    duration(d.median_ms)
}

fn funnel_table(out: &mut String, funnel: &Funnel) {
    let rows: Vec<Vec<String>> = funnel
        .stages
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                group(s.customers),
                group(s.continued),
                group(s.dropped),
                percent(s.conversion_to_next),
                percent(s.conversion_from_first),
                group(s.skipped),
                median(&s.time_in_stage),
                median(&s.time_to_conversion),
            ]
        })
        .collect();
    table(
        out,
        &[
            "stage",
            "customers",
            "continued",
            "dropped",
            "to next",
            "of first",
            "skipped",
            "time in stage",
            "to conversion",
        ],
        &rows,
        "l",
    );
}

/// Rows of the attribution table, leaving out ids no model credits.
fn attribution_rows(rows: &[AttributionRow]) -> Vec<Vec<String>> {
    let c = |x: f64| format!("{x:.1}");
    rows.iter()
        .filter(|r| {
            [
                r.first_touch,
                r.last_touch,
                r.linear,
                r.time_decay,
                r.position_based,
                r.markov,
            ]
            .iter()
            .any(|c| c.conversions != 0.0 || c.value != 0.0)
        })
        .map(|r| {
            vec![
                r.id.clone(),
                c(r.first_touch.conversions),
                c(r.last_touch.conversions),
                c(r.linear.conversions),
                c(r.time_decay.conversions),
                c(r.position_based.conversions),
                c(r.markov.conversions),
                format!("{:.1}%", r.removal_effect * 100.0),
                money(r.linear.value),
            ]
        })
        .collect()
}

/// The readable summary of a report, as the CLI prints it.
fn summary(map: &JourneyMap, r: &Report, top: usize) -> String {
    let mut out = String::new();
    let t = &r.totals;
    let _ = writeln!(out, "{}", r.map);
    let _ = writeln!(
        out,
        "{} events ({} at no touchpoint{}), {} customers ({} with touchpoint events)",
        group(t.events),
        group(t.unknown_events),
        if t.events_outside_window > 0 {
            format!(", {} outside the window", group(t.events_outside_window))
        } else {
            String::new()
        },
        group(t.customers),
        group(t.customers_with_touchpoints),
    );
    let _ = writeln!(
        out,
        "converted: {} customers ({}) at {}; conversion value {}, median time to convert {}",
        group(t.converted_customers),
        percent(t.conversion_rate),
        if r.conversion_touchpoints.is_empty() {
            "(no conversion touchpoint)".to_owned()
        } else {
            r.conversion_touchpoints.join(", ")
        },
        money(t.conversion_value),
        duration(r.funnel.time_to_conversion.median_ms),
    );
    let skipped = r.ingest.rows_skipped();
    if skipped > 0 {
        let codes: Vec<String> = r
            .ingest
            .skipped
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "skipped rows: {} of {} ({})",
            group(skipped),
            group(r.ingest.rows),
            codes.join(", ")
        );
    }

    let _ = writeln!(out, "\nFunnel");
    funnel_table(&mut out, &r.funnel);

    if !r.segments.is_empty() {
        let _ = writeln!(out, "\nSegments");
        let rows: Vec<Vec<String>> = r
            .segments
            .iter()
            .map(|s| {
                let f = &s.funnel;
                vec![
                    s.segment.clone(),
                    group(f.customers),
                    group(f.converted),
                    percent(f.conversion_rate),
                    money(f.conversion_value),
                    median(&f.time_to_conversion),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "segment",
                "customers",
                "converted",
                "rate",
                "value",
                "time to convert",
            ],
            &rows,
            "l",
        );
        if r.unknown_events.customers_without_segment > 0 {
            let _ = writeln!(
                out,
                "  without a segment: {} customer(s)",
                group(r.unknown_events.customers_without_segment)
            );
        }
    }

    let _ = writeln!(out, "\nTouchpoints");
    let rows: Vec<Vec<String>> = r
        .touchpoints
        .iter()
        .filter(|tp| tp.reach > 0)
        .map(|tp| {
            let score = match (tp.score.mean, tp.score.planned) {
                (Some(m), Some(p)) => format!("{m:+.2} (planned {p:+})"),
                (Some(m), None) => format!("{m:+.2}"),
                (None, _) => "-".into(),
            };
            vec![
                tp.touchpoint.clone(),
                tp.stage.clone(),
                group(tp.reach),
                group(tp.entries),
                group(tp.exits),
                percent(tp.conversion_rate),
                score,
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "touchpoint",
            "stage",
            "reach",
            "events",
            "exits",
            "converted",
            "score",
        ],
        &rows,
        "llrrrrr",
    );
    let unreached: Vec<&str> = r
        .touchpoints
        .iter()
        .filter(|tp| tp.reach == 0)
        .map(|tp| tp.touchpoint.as_str())
        .collect();
    if !unreached.is_empty() {
        let _ = writeln!(out, "  never reached: {}", unreached.join(", "));
    }
    let out_of_range: u64 = r.touchpoints.iter().map(|tp| tp.score.out_of_range).sum();
    if out_of_range > 0 {
        let _ = writeln!(
            out,
            "  {} score(s) outside the scale {}..{} left out of the means (see --score-scale)",
            group(out_of_range),
            r.options.score_scale.bounds().0,
            r.options.score_scale.bounds().1,
        );
    }

    let observed: Vec<_> = {
        let mut v: Vec<_> = r.transitions.iter().filter(|t| t.count > 0).collect();
        v.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
        });
        v
    };
    let unplanned = observed.iter().filter(|t| !t.planned).count();
    let never: Vec<_> = r
        .transitions
        .iter()
        .filter(|t| t.count == 0 && t.planned)
        .collect();
    let _ = writeln!(
        out,
        "\nTop transitions ({} of {} observed, {} not in the map)",
        observed.len().min(top),
        observed.len(),
        unplanned
    );
    let rows: Vec<Vec<String>> = observed
        .iter()
        .take(top)
        .map(|t| {
            let mut kind = if t.planned { "planned" } else { "UNPLANNED" }.to_owned();
            if t.backward {
                kind.push_str(if t.is_loop { ", loop" } else { ", backward" });
            }
            vec![
                format!("{} -> {}", t.from, t.to),
                group(t.count),
                group(t.customers),
                kind,
            ]
        })
        .collect();
    table(
        &mut out,
        &["transition", "count", "customers", ""],
        &rows,
        "lrrl",
    );
    if !never.is_empty() {
        let list: Vec<String> = never
            .iter()
            .map(|t| format!("{} -> {}", t.from, t.to))
            .collect();
        let _ = writeln!(out, "  planned but never taken: {}", list.join(", "));
    }

    let _ = writeln!(
        out,
        "\nTop variants ({} of {} distinct)",
        r.variants.top.len(),
        group(r.variants.distinct)
    );
    let rows: Vec<Vec<String>> = r
        .variants
        .top
        .iter()
        .map(|v| {
            vec![
                group(v.customers),
                format!("{:.1}%", v.conversion_rate * 100.0),
                v.path.join(" > "),
            ]
        })
        .collect();
    table(&mut out, &["customers", "converted", "path"], &rows, "rrl");

    let c = &r.conformance;
    let _ = writeln!(out, "\nConformance");
    let _ = writeln!(
        out,
        "  {} of {} observed transitions are planned ({}); fitness {} (mean per customer {}), {} of {} customers fit perfectly",
        group(c.planned_transitions),
        group(c.transitions),
        percent(c.planned_share),
        c.fitness.map_or("-".into(), |f| format!("{f:.3}")),
        c.mean_customer_fitness.map_or("-".into(), |f| format!("{f:.3}")),
        group(c.perfectly_fitting_customers),
        group(c.customers),
    );
    let _ = writeln!(
        out,
        "  {} started at an entry; {} skipped a stage; {} backward moves ({} not marked as loops, by {} customers)",
        group(c.customers_starting_at_entry),
        group(c.customers_with_skipped_stages),
        group(c.backward_moves),
        group(c.backward_moves_unmarked),
        group(c.customers_with_unmarked_backward_moves),
    );
    if r.unknown_events.events > 0 {
        let names: Vec<String> = r
            .unknown_events
            .top
            .iter()
            .map(|u| format!("{} {}", u.name, group(u.events)))
            .collect();
        let _ = writeln!(
            out,
            "  {} unknown events ({} distinct, {} customers): {}",
            group(r.unknown_events.events),
            group(r.unknown_events.distinct),
            group(r.unknown_events.customers),
            names.join(", ")
        );
    }

    let a = &r.attribution;
    let _ = writeln!(
        out,
        "\nAttribution ({} conversions, {} attributable, value {}; Markov chain conversion probability {}; conversions credited per model)",
        group(a.conversions),
        group(a.attributable_conversions),
        money(a.attributable_value),
        percent(a.markov_conversion_probability),
    );
    if let Some(why) = &a.markov_skipped {
        let _ = writeln!(out, "Markov attribution not computed: {why}");
    }
    let header = [
        "touchpoint",
        "first",
        "last",
        "linear",
        "decay",
        "position",
        "markov",
        "removal",
        "linear value",
    ];
    table(&mut out, &header, &attribution_rows(&a.touchpoints), "l");
    if !a.channels.is_empty() {
        let _ = writeln!(out);
        let channel_rows: Vec<Vec<String>> = attribution_rows(&a.channels)
            .into_iter()
            .map(|mut row| {
                if let Some(ch) = map.channel(&row[0]) {
                    row[0] = format!("{} ({})", row[0], ch.name);
                }
                row
            })
            .collect();
        let mut header = header;
        header[0] = "channel";
        table(&mut out, &header, &channel_rows, "l");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(money(1234.567), "1,234.57");
        assert_eq!(money(-0.999), "-1.00");
        assert_eq!(duration(Some(90_061_000)), "1d 1h");
        assert_eq!(duration(Some(4_200)), "4.2s");
        assert_eq!(duration(None), "-");
    }
}
