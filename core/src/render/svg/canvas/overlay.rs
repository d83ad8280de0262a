//! The report overlay: what a journey report observed, drawn over the
//! canvas. Header summary, a funnel row under the stage names, figures in
//! each touchpoint card, observed scores on the emotion curve and a legend
//! row.
//!
//! Figures are matched by touchpoint and stage id. Ids the report does not
//! know are drawn without figures; a report that shares no touchpoint with
//! the drawn map adds only a warning to the header.

use std::collections::HashMap;

use super::{num, put, rect, Anchor, Canvas, Node, Style, TextBlock, LABEL_W, PAD};
use crate::analytics::{Report, StageStats, TouchpointStats};
use crate::graph::JourneyMap;
use crate::model::Touchpoint;
use crate::render::svg::style as st;
use crate::render::svg::TextRole;
use crate::render::text::measure;

/// Half the width of an observed-score diamond.
pub(super) const DIAMOND: f64 = 6.5;

/// The report, indexed for drawing.
pub(super) struct Overlay<'r> {
    report: &'r Report,
    touchpoints: HashMap<&'r str, &'r TouchpointStats>,
    stages: HashMap<&'r str, &'r StageStats>,
    /// Largest reach among the drawn touchpoints the report knows.
    max_reach: u64,
    /// Most customers of a drawn stage.
    max_stage: u64,
    /// Drawn touchpoints the report has figures for.
    shared: usize,
    /// Drawn touchpoints the report does not know.
    unknown: usize,
}

impl<'r> Overlay<'r> {
    pub(super) fn new(report: &'r Report, map: &JourneyMap) -> Self {
        let touchpoints: HashMap<&str, &TouchpointStats> = report
            .touchpoints
            .iter()
            .map(|t| (t.touchpoint.as_str(), t))
            .collect();
        let stages: HashMap<&str, &StageStats> = report
            .funnel
            .stages
            .iter()
            .map(|s| (s.stage.as_str(), s))
            .collect();
        let known: Vec<&TouchpointStats> = map
            .touchpoints()
            .iter()
            .filter_map(|t| touchpoints.get(t.id.as_str()).copied())
            .collect();
        let shared = known.len();
        let max_reach = known.iter().map(|t| t.reach).max().unwrap_or(0);
        let max_stage = map
            .stages()
            .iter()
            .filter_map(|s| stages.get(s.id.as_str()))
            .map(|s| s.customers)
            .max()
            .unwrap_or(0);
        Overlay {
            report,
            touchpoints,
            stages,
            max_reach,
            max_stage,
            shared,
            unknown: map.touchpoints().len() - shared,
        }
    }

    /// Whether figures are drawn: the report knows at least one of the
    /// drawn touchpoints.
    pub(super) fn active(&self) -> bool {
        self.shared > 0
    }

    fn touchpoint(&self, id: &str) -> Option<&'r TouchpointStats> {
        self.touchpoints.get(id).copied()
    }

    fn stage(&self, id: &str) -> Option<&'r StageStats> {
        self.stages.get(id).copied()
    }

    /// Figures of a touchpoint, when the overlay is active and knows it.
    pub(super) fn score_of(&self, id: &str) -> Option<(f64, u64)> {
        if !self.active() {
            return None;
        }
        let s = &self.touchpoint(id)?.score;
        Some((s.mean?.clamp(-2.0, 2.0), s.count))
    }
}

/// `n` grouped, with the noun in the singular or plural: `1 customer`,
/// `1,200 customers`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// A count with thousands separators (`12,345`), as the text report
/// writes counts.
pub(super) fn group(n: u64) -> String {
    crate::analytics::format_count(n)
}

/// A ratio as a percentage with one decimal (`–` when undefined).
pub(super) fn percent(r: Option<f64>) -> String {
    match r {
        Some(r) if r.is_finite() => format!("{:.1}%", r * 100.0),
        _ => "\u{2013}".to_owned(),
    }
}

/// Milliseconds as a short duration: `850ms`, `4.2s`, `35m 55s`,
/// `13h 48m`, `2d 5h`.
pub(super) fn duration(ms: i64) -> String {
    let ms = ms.max(0);
    let (s, m, h, d) = (ms / 1000, ms / 60_000, ms / 3_600_000, ms / 86_400_000);
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms < 60_000 {
        format!("{:.1}s", ms as f64 / 1000.0)
    } else if ms < 3_600_000 {
        format!("{m}m {}s", s % 60)
    } else if ms < 86_400_000 {
        format!("{h}h {}m", m % 60)
    } else {
        format!("{d}d {}h", h % 24)
    }
}

/// A mean score with two decimals and a real minus sign (`+1.02`, `0.00`,
/// `−0.90`).
pub(super) fn score(mean: f64) -> String {
    let r = (mean * 100.0).round() / 100.0;
    if r == 0.0 || !r.is_finite() {
        "0.00".to_owned()
    } else if r > 0.0 {
        format!("+{r:.2}")
    } else {
        format!("\u{2212}{:.2}", -r)
    }
}

/// A horizontal bar: a grey track of width `w` filled in proportion to
/// `value / max`.
fn bar(out: &mut Vec<Node>, x: f64, y: f64, w: f64, h: f64, value: u64, max: u64) {
    out.push(Node::Rect {
        r: rect(x, y, w, h),
        rx: h / 2.0,
        fill: st::TRACK,
        stroke: None,
    });
    if value > 0 && max > 0 {
        let share = (value as f64 / max as f64).min(1.0);
        out.push(Node::Rect {
            r: rect(x, y, (w * share).max(h), h),
            rx: h / 2.0,
            fill: st::OBSERVED,
            stroke: None,
        });
    }
}

/// A label on the left and its value on the right of one line; when they
/// do not fit side by side, the value goes under the label. Returns the
/// height drawn.
fn stat_row(out: &mut Vec<Node>, label: &str, value: &str, x: f64, y: f64, w: f64) -> f64 {
    let label_style = Style::new(st::FIGURE, st::INK_SOFT, TextRole::Figure, 2);
    let value_style = Style::new(st::FIGURE_VALUE, st::OBSERVED_INK, TextRole::Figure, 1);
    let (lw, vw) = (measure(label, st::FIGURE), measure(value, st::FIGURE_VALUE));
    let line = st::FIGURE.line_height().max(st::FIGURE_VALUE.line_height());
    if lw + vw + 8.0 <= w {
        put(out, label, x, y, lw + 1.0, label_style);
        put(
            out,
            value,
            x + w,
            y,
            vw + 1.0,
            value_style.anchor(Anchor::End),
        );
        line
    } else {
        let h = put(out, label, x, y, w, label_style);
        h + put(out, value, x, y + h, w, value_style)
    }
}

/// A diamond marker centred on (cx, cy).
pub(super) fn diamond(out: &mut Vec<Node>, cx: f64, cy: f64, r: f64) {
    out.push(Node::Path {
        d: format!(
            "M{} {}L{} {}L{} {}L{} {}Z",
            num(cx),
            num(cy - r),
            num(cx + r),
            num(cy),
            num(cx),
            num(cy + r),
            num(cx - r),
            num(cy)
        ),
        fill: Some(st::OBSERVED),
        stroke: Some((st::WHITE, 1.5)),
        dash: None,
    });
}

impl Canvas<'_> {
    /// The report's summary lines under the header facts. Returns the y
    /// below.
    pub(super) fn report_header(&mut self, mut y: f64) -> f64 {
        let Some(ov) = &self.overlay else { return y };
        let r = ov.report;
        let w = self.content_width();
        let mut lines: Vec<(String, &'static str)> = Vec::new();
        let t = &r.totals;
        let name = if r.map == self.map.name() {
            "Report".to_owned()
        } else {
            format!("Report of \u{201c}{}\u{201d}", r.map)
        };
        let mut summary = format!(
            "{name}: {}, {}, {} converted ({})",
            count(t.customers, "customer", "customers"),
            count(t.events, "event", "events"),
            group(t.converted_customers),
            percent(t.conversion_rate),
        );
        if let Some(ms) = r.funnel.time_to_conversion.median_ms {
            summary.push_str(&format!(", median time to convert {}", duration(ms)));
        }
        lines.push((summary, st::OBSERVED_INK));
        if ov.active() {
            let c = &r.conformance;
            let observed = r.transitions.iter().filter(|t| t.count > 0).count();
            let unplanned = r
                .transitions
                .iter()
                .filter(|t| t.count > 0 && !t.planned)
                .count();
            let mut conformance = format!(
                "Conformance: {} transitions observed, {} not in the map; {} of {} moves planned ({})",
                group(observed as u64),
                group(unplanned as u64),
                group(c.planned_transitions),
                group(c.transitions),
                percent(c.planned_share),
            );
            if let Some(f) = c.fitness {
                conformance.push_str(&format!("; fitness {f:.2}"));
            }
            if c.unknown_events > 0 {
                conformance.push_str(&format!(
                    "; {} events at no touchpoint",
                    group(c.unknown_events)
                ));
            }
            lines.push((conformance, st::OBSERVED_INK));
        }
        let mut warnings = Vec::new();
        if !ov.active() && !self.map.touchpoints().is_empty() {
            warnings.push(
                "The report shares no touchpoint with this map (a report of another map?): no figures shown."
                    .to_owned(),
            );
        } else if ov.unknown > 0 {
            warnings.push(format!(
                "{} of this map not in the report (changed since?): shown without figures.",
                if ov.unknown == 1 {
                    "1 touchpoint".to_owned()
                } else {
                    format!("{} touchpoints", group(ov.unknown as u64))
                }
            ));
        }
        let skipped = r.ingest.rows_skipped();
        if skipped > 0 {
            warnings.push(format!(
                "{} of {} rows of the event log were skipped as unreadable.",
                group(skipped),
                group(r.ingest.rows)
            ));
        }
        if !warnings.is_empty() {
            lines.push((warnings.join(" "), st::WARNING_INK));
        }
        for (text, fill) in lines {
            let s = Style::new(st::REPORT, fill, TextRole::Report, 3);
            y += 3.0 + put(&mut self.front, &text, super::MARGIN, y + 3.0, w, s);
        }
        y
    }

    /// The funnel row under the stage headers. Returns the y below (`top`
    /// when there is no active overlay).
    pub(super) fn funnel_row(&mut self, top: f64) -> f64 {
        let Some(ov) = self.overlay.as_ref().filter(|o| o.active()) else {
            return top;
        };
        let label = "Funnel (report)";
        let label_w = LABEL_W - 2.0 * PAD;
        let mut height = Self::label_height(label_w)(label).max(48.0);
        let head = Style::new(st::FUNNEL_HEAD, st::OBSERVED_INK, TextRole::Funnel, 2);
        let body = Style::new(st::FIGURE, st::INK, TextRole::Funnel, 2);
        let soft = Style::new(st::FIGURE, st::INK_SOFT, TextRole::Funnel, 2);
        let note = Style::new(st::NOTE, st::INK_MUTED, TextRole::Funnel, 2).italic();
        let mut nodes = Vec::new();
        let mut spans = Vec::new();
        let stages = self.map.stages();
        for (s, stage) in stages.iter().enumerate() {
            let (first, count) = self.spans[s];
            let x = self.grid_x + first as f64 * self.col_w;
            let w = count as f64 * self.col_w;
            spans.push((x, w));
            let (ix, iw) = (x + PAD, w - 2.0 * PAD);
            let mut y = top + PAD;
            nodes.push(Node::Open {
                class: "funnel",
                id: Some(stage.id.to_string()),
                title: None,
            });
            match ov.stage(stage.id.as_str()) {
                None => {
                    y += put(&mut nodes, "not in the report", ix, y, iw, note);
                }
                Some(f) => {
                    let reached = format!("{} reached", group(f.customers));
                    y += put(&mut nodes, &reached, ix, y, iw, head) + 3.0;
                    bar(&mut nodes, ix, y, iw, 6.0, f.customers, ov.max_stage);
                    y += 6.0 + 5.0;
                    if s > 0 {
                        let text =
                            format!("{} of the first stage", percent(f.conversion_from_first));
                        y += put(&mut nodes, &text, ix, y, iw, soft) + 2.0;
                    }
                    if let Some(rate) = f.conversion_to_next {
                        let text = format!(
                            "\u{2192} {} continued ({})",
                            percent(Some(rate)),
                            group(f.continued)
                        );
                        y += put(&mut nodes, &text, ix, y, iw, body) + 2.0;
                        let dropped = if f.customers > 0 {
                            Some(f.dropped as f64 / f.customers as f64)
                        } else {
                            None
                        };
                        let text = format!("{} dropped ({})", group(f.dropped), percent(dropped));
                        y += put(&mut nodes, &text, ix, y, iw, body) + 2.0;
                    }
                    if let Some(ms) = f.time_in_stage.median_ms {
                        let text = format!("median {} in stage", duration(ms));
                        y += put(&mut nodes, &text, ix, y, iw, soft) + 2.0;
                    }
                    if let Some(ms) = f.time_to_conversion.median_ms {
                        let text = format!("median {} to convert", duration(ms));
                        y += put(&mut nodes, &text, ix, y, iw, soft) + 2.0;
                    }
                    if f.skipped > 0 {
                        let text = format!("{} skipped it", group(f.skipped));
                        y += put(&mut nodes, &text, ix, y, iw, soft) + 2.0;
                    }
                    y -= 2.0;
                }
            }
            nodes.push(Node::Close);
            height = height.max(y + PAD - top);
        }
        for (x, w) in spans {
            self.back.push(Node::Rect {
                r: rect(x + 2.0, top + 2.0, w - 4.0, height - 4.0),
                rx: 6.0,
                fill: st::CARD,
                stroke: Some((st::GRID, 1.0)),
            });
        }
        self.front.append(&mut nodes);
        self.lane_label(label, top, height - 2.0, label_w);
        top + height
    }

    /// The observed figures at the bottom of a touchpoint card, from `y`.
    /// Returns the y below (`y` when there is no active overlay).
    pub(super) fn touchpoint_figures(
        &self,
        tp: &Touchpoint,
        x: f64,
        mut y: f64,
        w: f64,
        out: &mut Vec<Node>,
    ) -> f64 {
        let Some(ov) = self.overlay.as_ref().filter(|o| o.active()) else {
            return y;
        };
        y += 10.0;
        out.push(Node::Line {
            x1: x,
            y1: y,
            x2: x + w,
            y2: y,
            stroke: st::GRID,
            width: 1.0,
            dash: None,
        });
        y += 7.0;
        let Some(t) = ov.touchpoint(tp.id.as_str()) else {
            let s = Style::new(st::NOTE, st::INK_MUTED, TextRole::Figure, 2).italic();
            return y + put(out, "not in the report", x, y, w, s);
        };
        let mut tooltip = format!(
            "{}: reached by {} ({}, {}, {} {} here); {} converted ({}); {}",
            tp.name,
            count(t.reach, "customer", "customers"),
            count(t.entries, "event", "events"),
            count(t.repeats, "repeat", "repeats"),
            count(t.starts, "journey", "journeys"),
            if t.starts == 1 { "starts" } else { "start" },
            group(t.conversions),
            percent(t.conversion_rate),
            count(t.exits, "exit", "exits"),
        );
        match t.score.mean {
            Some(m) => tooltip.push_str(&format!(
                "; mean observed score {} over {}",
                score(m),
                count(t.score.count, "score", "scores")
            )),
            None => tooltip.push_str("; no observed score"),
        }
        if let Some(p) = t.score.planned {
            tooltip.push_str(&format!(" (planned {})", st::score_text(p)));
        }
        out.push(Node::Open {
            class: "observed",
            id: Some(tp.id.to_string()),
            title: Some(tooltip),
        });
        y += stat_row(out, "Reached", &group(t.reach), x, y, w) + 2.0;
        bar(out, x, y, w, 5.0, t.reach, ov.max_reach);
        y += 5.0 + 5.0;
        y += stat_row(out, "Converted", &percent(t.conversion_rate), x, y, w) + 2.0;
        y += stat_row(out, "Exits", &group(t.exits), x, y, w) + 2.0;
        let label = match t.score.planned {
            Some(p) => format!("Score (plan {})", st::score_text(p.clamp(-2, 2))),
            None => "Score".to_owned(),
        };
        let value = t.score.mean.map_or("\u{2013}".to_owned(), score);
        y += stat_row(out, &label, &value, x, y, w);
        out.push(Node::Close);
        y
    }

    /// Where the observed mean score of each column goes on the emotion
    /// lane (`None`: no figure): beside the planned face, or in its place
    /// when the map has no emotion for the touchpoint. `level` maps a score
    /// to its y.
    pub(super) fn observed_points(&self, level: impl Fn(f64) -> f64) -> Vec<Option<(f64, f64)>> {
        let Some(ov) = self.overlay.as_ref() else {
            return Vec::new();
        };
        self.columns
            .iter()
            .map(|col| {
                let tp = col.touchpoint?;
                let (mean, _) = ov.score_of(tp.id.as_str())?;
                let mut cx = col.x + self.col_w / 2.0;
                if tp.emotion.is_some() {
                    cx += super::FACE_R + DIAMOND + 3.0;
                }
                Some((cx, level(mean)))
            })
            .collect()
    }

    /// The dotted line through the observed scores.
    pub(super) fn observed_line(&mut self, points: &[Option<(f64, f64)>]) {
        let mut d = String::new();
        for (x, y) in points.iter().flatten() {
            d.push(if d.is_empty() { 'M' } else { 'L' });
            d.push_str(&format!("{} {}", num(*x), num(*y)));
        }
        if d.contains('L') {
            self.front.push(Node::Path {
                d,
                fill: None,
                stroke: Some((st::OBSERVED, 1.6)),
                dash: Some("1 4"),
            });
        }
    }

    /// The observed-score diamonds, each with its figures as a tooltip.
    pub(super) fn observed_markers(&mut self, points: &[Option<(f64, f64)>]) {
        let Some(ov) = self.overlay.as_ref() else {
            return;
        };
        let mut markers = Vec::new();
        for (col, point) in self.columns.iter().zip(points) {
            let (Some(tp), Some((cx, cy))) = (col.touchpoint, point) else {
                continue;
            };
            let Some((mean, scores)) = ov.score_of(tp.id.as_str()) else {
                continue;
            };
            let mut title = format!(
                "{}: mean observed score {} over {}",
                tp.name,
                score(mean),
                count(scores, "score", "scores")
            );
            if let Some(e) = &tp.emotion {
                title.push_str(&format!(
                    " (planned {})",
                    st::score_text(e.score.clamp(-2, 2))
                ));
            }
            markers.push(Node::Open {
                class: "observed-score",
                id: Some(tp.id.to_string()),
                title: Some(title),
            });
            diamond(&mut markers, *cx, *cy, DIAMOND);
            markers.push(Node::Close);
        }
        self.front.append(&mut markers);
    }

    /// Whether the legend gets the overlay's row.
    pub(super) fn overlay_in_legend(&self) -> bool {
        self.overlay.as_ref().is_some_and(Overlay::active)
    }

    /// The end of the document description.
    pub(super) fn overlay_desc(&self) -> Option<String> {
        let ov = self.overlay.as_ref()?;
        Some(if ov.active() {
            ", overlaid with a journey report".to_owned()
        } else {
            ", with a journey report that shares no touchpoint with the map".to_owned()
        })
    }
}

/// Moves an emotion label (drawn with a 4 px halo) off the observed-score
/// diamond at `d`: to the left within its column (left edge `col_x`), else
/// to the other side of its face (centred on `face_cy`) if that stays inside
/// the lane (`lane` = top, bottom). Left as it is when neither works.
pub(super) fn clear_of_diamond(
    b: &mut TextBlock,
    d: (f64, f64),
    col_x: f64,
    face_cy: f64,
    lane: (f64, f64),
) {
    let keep_out = rect(
        d.0 - DIAMOND - 2.0,
        d.1 - DIAMOND - 2.0,
        2.0 * DIAMOND + 4.0,
        2.0 * DIAMOND + 4.0,
    );
    let halo = |b: &TextBlock| {
        let r = b.rect();
        rect(r.x - 4.0, r.y - 1.0, r.width + 8.0, r.height + 2.0)
    };
    let h = halo(b);
    if !h.overlaps(&keep_out) {
        return;
    }
    let shift = h.x + h.width - keep_out.x;
    if h.x - shift >= col_x + 2.0 {
        b.x -= shift;
        return;
    }
    let y = b.y;
    b.y = if y > face_cy {
        face_cy - super::FACE_R - 6.0 - b.height()
    } else {
        face_cy + super::FACE_R + 6.0
    };
    let h = halo(b);
    if h.overlaps(&keep_out) || h.y < lane.0 + 1.0 || h.y + h.height > lane.1 - 1.0 {
        b.y = y;
    }
}

/// Draws a legend glyph at `x`, centred on `cy`; returns its width
/// (negative: no glyph, the text starts at `x`).
type Glyph = Box<dyn Fn(f64, f64, &mut Vec<Node>) -> f64>;

/// The legend row of the overlay: what each figure means (the card
/// figures only with the touchpoints lane, the observed scores only with the
/// emotion lane).
pub(super) fn legend_items(touchpoints: bool, emotions: bool) -> Vec<(String, Glyph)> {
    let none = || -> Glyph { Box::new(|_, _, _: &mut Vec<Node>| -8.0) };
    let mut items: Vec<(String, Glyph)> = vec![
        (
            "Reached: customers with an event there (bar: against the most reached)".to_owned(),
            Box::new(|x, cy, out: &mut Vec<Node>| {
                bar(out, x, cy - 2.5, 26.0, 5.0, 2, 3);
                26.0
            }),
        ),
        (
            "Converted: share of them who converted at or after it".to_owned(),
            none(),
        ),
        (
            "Exits: customers who did not convert and left there".to_owned(),
            none(),
        ),
    ];
    if !touchpoints {
        items.clear();
    }
    if emotions {
        items.push((
            "Mean observed score, beside the planned face".to_owned(),
            Box::new(|x, cy, out: &mut Vec<Node>| {
                out.push(Node::Path {
                    d: format!("M{} {}H{}", num(x), num(cy), num(x + 26.0)),
                    fill: None,
                    stroke: Some((st::OBSERVED, 1.6)),
                    dash: Some("1 4"),
                });
                diamond(out, x + 13.0, cy, DIAMOND);
                26.0
            }),
        ));
    }
    items.push((
        "Funnel: customers reaching each stage, continuing to a later one or dropping off"
            .to_owned(),
        none(),
    ));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_formatted_for_reading() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(12_345_678), "12,345,678");
        assert_eq!(percent(Some(0.5404)), "54.0%");
        assert_eq!(percent(None), "\u{2013}");
        assert_eq!(percent(Some(f64::NAN)), "\u{2013}");
        assert_eq!(duration(850), "850ms");
        assert_eq!(duration(4_200), "4.2s");
        assert_eq!(duration(35 * 60_000 + 55_000), "35m 55s");
        assert_eq!(duration(13 * 3_600_000 + 48 * 60_000), "13h 48m");
        assert_eq!(duration(2 * 86_400_000 + 5 * 3_600_000), "2d 5h");
        assert_eq!(duration(-5), "0ms");
        assert_eq!(score(1.024), "+1.02");
        assert_eq!(score(-0.904), "\u{2212}0.90");
        assert_eq!(score(-0.001), "0.00");
        assert_eq!(score(0.0), "0.00");
    }
}
