//! Lays the journey map out on the canvas: header, persona panel, stage
//! columns, lanes and legend.
//!
//! Every lane is as tall as its tallest cell, so text blocks stacked in a
//! cell never meet those of the next lane; within a row, each block stays
//! inside its column. Cells are measured by drawing them into a scratch list
//! first, then drawn for real at their final position.

mod overlay;

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use super::scene::{Anchor, Node, Scene, TextBlock};
use super::style as st;
use super::{ColumnBox, Lane, Rect, SvgOptions, TextRole, COLUMN_WIDTH_RANGE, MAX_MIN_WIDTH};
use crate::error::Error;
use crate::graph::JourneyMap;
use crate::model::{ChannelKind, OpportunityStatus, Persona, Severity, Touchpoint, TouchpointKind};
use crate::render::text::{measure, wrap, Font};

/// Outer margin of the canvas.
const MARGIN: f64 = 28.0;
/// Width of the lane-label column.
const LABEL_W: f64 = 150.0;
/// Inner padding of a cell.
const PAD: f64 = 12.0;
/// Inset of cards from the column edges.
const INSET: f64 = 6.0;
/// Vertical gap between stacked items.
const GAP: f64 = 6.0;
/// Items (actions, pain points, ...) shown per cell before "+N more".
const MAX_ITEMS: usize = 12;
/// Emotion lane: marker radius and distance between two score levels.
const FACE_R: f64 = 11.0;
const LEVEL_STEP: f64 = 36.0;
const EMOTION_TOP: f64 = 26.0;

/// How a block of text looks.
#[derive(Clone, Copy)]
struct Style {
    font: Font,
    fill: &'static str,
    role: TextRole,
    max_lines: usize,
    italic: bool,
    anchor: Anchor,
}

impl Style {
    const fn new(font: Font, fill: &'static str, role: TextRole, max_lines: usize) -> Self {
        Style {
            font,
            fill,
            role,
            max_lines,
            italic: false,
            anchor: Anchor::Start,
        }
    }

    const fn italic(mut self) -> Self {
        self.italic = true;
        self
    }

    const fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }
}

/// Wraps `text` into a block anchored at `x`, top at `y`, at most `width`
/// wide.
fn block(text: &str, x: f64, y: f64, width: f64, s: Style) -> TextBlock {
    TextBlock {
        x,
        y,
        anchor: s.anchor,
        font: s.font,
        italic: s.italic,
        fill: s.fill,
        role: s.role,
        wrapped: wrap(text, width, s.font, s.max_lines),
        full: text.to_owned(),
    }
}

/// Pushes a text block and returns its height.
fn put(nodes: &mut Vec<Node>, text: &str, x: f64, y: f64, width: f64, s: Style) -> f64 {
    let b = block(text, x, y, width, s);
    let h = b.height();
    nodes.push(Node::Text(b));
    h
}

fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
    Rect {
        x,
        y,
        width,
        height,
    }
}

/// One touchpoint column (or the single empty column of an empty stage).
struct Column<'a> {
    /// Index of the stage.
    stage: usize,
    touchpoint: Option<&'a Touchpoint>,
    x: f64,
}

struct Canvas<'a> {
    map: &'a JourneyMap,
    options: &'a SvgOptions,
    persona: Option<&'a Persona>,
    columns: Vec<Column<'a>>,
    /// First column and column count of each stage.
    spans: Vec<(usize, usize)>,
    col_w: f64,
    /// Left edge of the first column.
    grid_x: f64,
    /// Right edge of the last column.
    grid_right: f64,
    width: f64,
    /// The columns as exposed by the layout (set once the grid is drawn).
    column_boxes: Vec<ColumnBox>,
    /// Pain point descriptions by id (for opportunity tooltips).
    pains: HashMap<&'a str, &'a str>,
    /// The report to overlay, if any.
    overlay: Option<overlay::Overlay<'a>>,
    /// Where the report's figures start in touchpoint cards (from the top
    /// of the cell), so that they line up across the row; and the largest
    /// such start found while measuring.
    figures_offset: Cell<f64>,
    figures_start: Cell<f64>,
    /// Drawn first: stage tints and grid lines.
    under: Vec<Node>,
    back: Vec<Node>,
    front: Vec<Node>,
}

/// Builds the scene for `map` (or a persona's part of it).
pub(super) fn build(map: &JourneyMap, options: &SvgOptions) -> Result<Scene, Error> {
    let map: Cow<'_, JourneyMap> = match &options.persona {
        Some(id) => Cow::Owned(map.persona_journey(id)?),
        None => Cow::Borrowed(map),
    };
    let persona = options.persona.as_deref().and_then(|id| map.persona(id));
    let mut canvas = Canvas::new(&map, options, persona);
    let mut y = canvas.header(MARGIN);
    if let Some(p) = persona {
        y = canvas.persona_panel(p, y) + 20.0;
    }
    let grid_top = y;
    y = canvas.stage_headers(y);
    y = canvas.funnel_row(y);
    let mut seen = Vec::new();
    for &lane in &options.lanes {
        if seen.contains(&lane) {
            continue;
        }
        seen.push(lane);
        y = canvas.lane(lane, y);
    }
    canvas.grid_lines(grid_top, y);
    canvas.column_boxes = canvas.column_boxes(grid_top, y);
    if options.legend {
        y = canvas.legend(y);
    }
    Ok(canvas.finish(y + MARGIN))
}

impl<'a> Canvas<'a> {
    fn new(map: &'a JourneyMap, options: &'a SvgOptions, persona: Option<&'a Persona>) -> Self {
        let stages = map.stages();
        let mut by_stage: Vec<Vec<&Touchpoint>> = vec![Vec::new(); stages.len()];
        for tp in map.touchpoints() {
            // Every touchpoint's stage exists: a map's invariant.
            if let Some(i) = map.stage_position(tp.stage.as_str()) {
                by_stage[i].push(tp);
            }
        }
        let count: usize = by_stage.iter().map(|t| t.len().max(1)).sum();
        let (lo, hi) = COLUMN_WIDTH_RANGE;
        let mut col_w = f64::from(options.column_width.clamp(lo, hi));
        let min_width = f64::from(options.min_width.min(MAX_MIN_WIDTH));
        let fixed = 2.0 * MARGIN + LABEL_W;
        if count > 0 && fixed + count as f64 * col_w < min_width {
            col_w = ((min_width - fixed) / count as f64).floor();
        }
        let grid_x = MARGIN + LABEL_W;
        let mut columns = Vec::with_capacity(count);
        let mut spans = Vec::with_capacity(stages.len());
        for (s, tps) in by_stage.iter().enumerate() {
            spans.push((columns.len(), tps.len().max(1)));
            if tps.is_empty() {
                let x = grid_x + columns.len() as f64 * col_w;
                columns.push(Column {
                    stage: s,
                    touchpoint: None,
                    x,
                });
            }
            for tp in tps {
                let x = grid_x + columns.len() as f64 * col_w;
                columns.push(Column {
                    stage: s,
                    touchpoint: Some(tp),
                    x,
                });
            }
        }
        let grid_right = grid_x + columns.len() as f64 * col_w;
        let pains = map
            .touchpoints()
            .iter()
            .flat_map(|t| &t.pain_points)
            .map(|p| (p.id.as_str(), p.description.as_str()))
            .collect();
        let overlay = options
            .report
            .as_ref()
            .map(|r| overlay::Overlay::new(r, map));
        Canvas {
            column_boxes: Vec::new(),
            pains,
            overlay,
            figures_offset: Cell::new(0.0),
            figures_start: Cell::new(0.0),
            map,
            options,
            persona,
            columns,
            spans,
            col_w,
            grid_x,
            grid_right,
            width: grid_right + MARGIN,
            under: Vec::new(),
            back: Vec::new(),
            front: Vec::new(),
        }
    }

    fn content_width(&self) -> f64 {
        self.width - 2.0 * MARGIN
    }

    fn title(&self) -> &str {
        match &self.options.title {
            Some(t) if !t.trim().is_empty() => t,
            _ => self.map.name(),
        }
    }

    /// Title, description and a line of counts. Returns the y below.
    fn header(&mut self, mut y: f64) -> f64 {
        let w = self.content_width();
        let title = self.title().to_owned();
        let title_style = Style::new(st::TITLE, st::INK, TextRole::Title, 2);
        y += put(&mut self.front, &title, MARGIN, y, w, title_style) + 4.0;
        let doc = self.map.document();
        if let Some(d) = doc.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let s = Style::new(st::SUBTITLE, st::INK_SOFT, TextRole::Subtitle, 3);
            y += put(&mut self.front, d, MARGIN, y, w, s) + 4.0;
        }
        let mut facts = vec![
            plural(self.map.stages().len(), "stage", "stages"),
            plural(self.map.touchpoints().len(), "touchpoint", "touchpoints"),
            plural(self.map.channels().len(), "channel", "channels"),
        ];
        if !self.map.teams().is_empty() {
            facts.push(plural(self.map.teams().len(), "team", "teams"));
        }
        let meta = &self.map.metadata();
        if let Some(d) = meta.last_reviewed.as_deref().or(meta.updated.as_deref()) {
            facts.push(format!("reviewed {d}"));
        }
        let meta_style = Style::new(st::META, st::INK_SOFT, TextRole::Subtitle, 2);
        y += put(
            &mut self.front,
            &facts.join("  \u{b7}  "),
            MARGIN,
            y,
            w,
            meta_style,
        );
        if self.persona.is_none() && !self.map.personas().is_empty() {
            let names: Vec<&str> = self
                .map
                .personas()
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            let text = format!("All personas: {}", names.join(", "));
            y += 2.0 + put(&mut self.front, &text, MARGIN, y + 2.0, w, meta_style);
        }
        y = self.report_header(y);
        y + 18.0
    }

    /// The persona card: initial, name, description, goals, motivations and
    /// frustrations. Returns the y below.
    fn persona_panel(&mut self, p: &Persona, top: f64) -> f64 {
        let x0 = MARGIN;
        let w = self.content_width();
        let avatar_r = 24.0;
        let (ax, ay) = (x0 + 18.0 + avatar_r, top + 18.0 + avatar_r);
        self.front.push(Node::Circle {
            cx: ax,
            cy: ay,
            r: avatar_r,
            fill: st::AVATAR,
            stroke: None,
        });
        let initial: String = crate::render::text::clusters(p.name.trim())
            .first()
            .map(|c| c.to_uppercase())
            .unwrap_or_default();
        let initial_font = Font::bold(20.0);
        let initial_style =
            Style::new(initial_font, st::WHITE, TextRole::Persona, 1).anchor(Anchor::Middle);
        put(
            &mut self.front,
            &initial,
            ax,
            ay - initial_font.line_height() / 2.0,
            avatar_r * 1.4,
            initial_style,
        );
        let tx = ax + avatar_r + 16.0;
        let tw = x0 + w - 18.0 - tx;
        let mut y = top + 16.0;
        let name = Style::new(st::PERSONA_NAME, st::INK, TextRole::Persona, 2);
        y += put(
            &mut self.front,
            &format!("Persona: {}", p.name),
            tx,
            y,
            tw,
            name,
        );
        if let Some(d) = p.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let s = Style::new(st::BODY, st::INK_SOFT, TextRole::Persona, 3);
            y += 2.0 + put(&mut self.front, d, tx, y + 2.0, tw, s);
        }
        for attrs in [&p.demographics, &p.psychographics] {
            if attrs.is_empty() {
                continue;
            }
            let text = attrs
                .iter()
                .map(|(k, v)| format!("{}: {}", humanise(k), value_text(v)))
                .collect::<Vec<_>>()
                .join("  \u{b7}  ");
            let s = Style::new(st::META, st::INK_SOFT, TextRole::Persona, 2);
            y += 3.0 + put(&mut self.front, &text, tx, y + 3.0, tw, s);
        }
        let sections: Vec<(&str, &[String])> = [
            ("Goals", p.goals.as_slice()),
            ("Motivations", p.motivations.as_slice()),
            ("Frustrations", p.frustrations.as_slice()),
            ("Behaviours", p.behaviours.as_slice()),
        ]
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .collect();
        if !sections.is_empty() {
            y += 10.0;
            let gap = 24.0;
            let n = sections.len() as f64;
            let sw = ((tw - (n - 1.0) * gap) / n).min(420.0);
            let mut bottom = y;
            for (k, (head, items)) in sections.iter().enumerate() {
                let sx = tx + k as f64 * (sw + gap);
                let hs = Style::new(st::PERSONA_HEAD, st::PANEL_INK, TextRole::Persona, 1);
                let mut sy = y + put(&mut self.front, head, sx, y, sw, hs) + 4.0;
                let body = Style::new(st::BODY, st::INK, TextRole::Persona, 3);
                sy = bullets(&mut self.front, items, sx, sy, sw, body, 6);
                bottom = bottom.max(sy);
            }
            y = bottom;
        }
        let bottom = y.max(ay + avatar_r) + 16.0;
        self.back.push(Node::Rect {
            r: rect(x0, top, w, bottom - top),
            rx: 10.0,
            fill: st::PANEL,
            stroke: Some((st::PANEL_STROKE, 1.0)),
        });
        bottom
    }

    /// Stage names and goals as column headers. Returns the y below.
    fn stage_headers(&mut self, top: f64) -> f64 {
        let name_style = Style::new(st::STAGE_NAME, st::INK, TextRole::StageName, 3);
        let goal_style = Style::new(st::STAGE_GOAL, st::INK_SOFT, TextRole::StageGoal, 3).italic();
        let mut height: f64 = 52.0;
        let mut blocks = Vec::new();
        for (s, stage) in self.map.stages().iter().enumerate() {
            let (first, count) = self.spans[s];
            let x = self.grid_x + first as f64 * self.col_w;
            let w = count as f64 * self.col_w;
            let mut y = top + 14.0;
            blocks.push(Node::Open {
                class: "stage",
                id: Some(stage.id.to_string()),
                title: stage.description.clone().filter(|d| !d.trim().is_empty()),
            });
            let name = block(&stage.name, x + PAD, y, w - 2.0 * PAD, name_style);
            y += name.height();
            blocks.push(Node::Text(name));
            if let Some(goal) = stage.goal.as_deref().filter(|g| !g.trim().is_empty()) {
                let goal = block(
                    &format!("Goal: {goal}"),
                    x + PAD,
                    y + 3.0,
                    w - 2.0 * PAD,
                    goal_style,
                );
                y += 3.0 + goal.height();
                blocks.push(Node::Text(goal));
            }
            blocks.push(Node::Close);
            height = height.max(y + PAD - top);
        }
        for (s, _) in self.map.stages().iter().enumerate() {
            let (first, count) = self.spans[s];
            let x = self.grid_x + first as f64 * self.col_w;
            let w = count as f64 * self.col_w;
            accented_box(
                &mut self.back,
                rect(x + 2.0, top, w - 4.0, height - 4.0),
                6.0,
                st::STAGE_HEADERS[s % st::STAGE_HEADERS.len()],
                st::STAGE_ACCENTS[s % st::STAGE_ACCENTS.len()],
                None,
            );
        }
        self.front.append(&mut blocks);
        self.lane_label("Stages", top, height - 4.0, LABEL_W - 2.0 * PAD);
        top + height
    }

    /// The label box of a lane (in the left column).
    fn lane_label(&mut self, text: &str, y: f64, h: f64, width: f64) {
        self.back.push(Node::Rect {
            r: rect(MARGIN, y, LABEL_W - 6.0, h),
            rx: 6.0,
            fill: st::LABEL_BG,
            stroke: None,
        });
        let s = Style::new(st::LANE_LABEL, st::LABEL_INK, TextRole::LaneLabel, 3);
        put(&mut self.front, text, MARGIN + PAD, y + PAD, width, s);
    }

    fn label_height(width: f64) -> impl Fn(&str) -> f64 {
        move |text: &str| {
            wrap(text, width, st::LANE_LABEL, 3).lines.len() as f64 * st::LANE_LABEL.line_height()
                + 2.0 * PAD
        }
    }

    /// Draws one lane from `top`; returns the y below.
    fn lane(&mut self, lane: Lane, top: f64) -> f64 {
        if lane == Lane::Emotions {
            return self.emotion_lane(top);
        }
        let label_w = LABEL_W - 2.0 * PAD;
        let mut height = Self::label_height(label_w)(lane.title()).max(48.0);
        let mut scratch = Vec::new();
        if lane == Lane::Touchpoints && self.overlay_in_legend() {
            // Measure where each card's figures would start, then start
            // them all at the lowest of these.
            self.figures_offset.set(0.0);
            self.figures_start.set(0.0);
            for c in 0..self.columns.len() {
                scratch.clear();
                self.cell(lane, c, 0.0, &mut scratch);
            }
            self.figures_offset.set(self.figures_start.get());
        }
        for c in 0..self.columns.len() {
            scratch.clear();
            height = height.max(self.cell(lane, c, 0.0, &mut scratch));
        }
        for c in 0..self.columns.len() {
            let mut nodes = Vec::new();
            self.cell(lane, c, top, &mut nodes);
            self.front.append(&mut nodes);
        }
        if lane == Lane::Touchpoints {
            for col in &self.columns {
                let Some(tp) = col.touchpoint else { continue };
                let kind = self
                    .map
                    .channel(tp.channel.as_str())
                    .map(|c| c.kind)
                    .unwrap_or_default();
                let r = rect(
                    col.x + INSET,
                    top + INSET,
                    self.col_w - 2.0 * INSET,
                    height - 2.0 * INSET,
                );
                accented_box(
                    &mut self.back,
                    r,
                    8.0,
                    st::CARD,
                    st::channel_colour(kind),
                    Some((st::CARD_STROKE, 1.0)),
                );
            }
        }
        self.lane_label(lane.title(), top, height, label_w);
        self.under.push(Node::Line {
            x1: MARGIN,
            y1: top + height,
            x2: self.grid_right,
            y2: top + height,
            stroke: st::GRID,
            width: 1.0,
            dash: None,
        });
        top + height
    }

    /// Draws the cell of `lane` in column `c` with its top at `top`; returns
    /// its height.
    fn cell(&self, lane: Lane, c: usize, top: f64, out: &mut Vec<Node>) -> f64 {
        let col = &self.columns[c];
        let (x, w) = (col.x, self.col_w);
        let Some(tp) = col.touchpoint else {
            if lane == Lane::Touchpoints {
                let s = Style::new(st::NOTE, st::INK_MUTED, TextRole::Note, 2).italic();
                return put(out, "No touchpoints", x + PAD, top + PAD, w - 2.0 * PAD, s)
                    + 2.0 * PAD;
            }
            return 0.0;
        };
        match lane {
            Lane::Touchpoints => self.touchpoint_cell(tp, x, top, w, out),
            Lane::Actions => actions_cell(tp, x, top, w, out),
            Lane::PainPoints => pain_cell(tp, x, top, w, out),
            Lane::Opportunities => self.opportunity_cell(tp, x, top, w, out),
            Lane::Owners => self.owner_cell(tp, x, top, w, out),
            Lane::Emotions => 0.0,
        }
    }

    fn touchpoint_cell(
        &self,
        tp: &Touchpoint,
        x: f64,
        top: f64,
        w: f64,
        out: &mut Vec<Node>,
    ) -> f64 {
        let tooltip = tp
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| format!("{}: {d}", tp.name));
        out.push(Node::Open {
            class: "touchpoint",
            id: Some(tp.id.to_string()),
            title: tooltip,
        });
        let ix = x + INSET + 10.0;
        let iw = w - 2.0 * (INSET + 10.0);
        let mut y = top + INSET + 14.0;
        let name = Style::new(st::TOUCHPOINT, st::INK, TextRole::TouchpointName, 4);
        y += put(out, &tp.name, ix, y, iw, name) + 8.0;
        let channel = self.map.channel(tp.channel.as_str());
        let kind = channel.map(|c| c.kind).unwrap_or_default();
        let channel_name = channel.map_or(tp.channel.as_str(), |c| c.name.as_str());
        let lh = st::CHANNEL.line_height();
        out.push(Node::Icon {
            kind,
            cx: ix + 8.0,
            cy: y + lh / 2.0,
            r: 8.0,
        });
        let cs = Style::new(st::CHANNEL, st::INK_SOFT, TextRole::Channel, 2);
        y += put(out, channel_name, ix + 22.0, y, iw - 22.0, cs).max(16.0);
        let badge = match tp.kind {
            TouchpointKind::Step => None,
            TouchpointKind::Conversion => Some(("CONVERSION", st::CONVERSION)),
            TouchpointKind::Exit => Some(("EXIT", st::EXIT)),
        };
        if let Some((text, fill)) = badge {
            y += 8.0;
            y += pill(out, text, ix, y, fill, st::WHITE);
        }
        self.figures_start
            .set(self.figures_start.get().max(y - top));
        y = y.max(top + self.figures_offset.get());
        y = self.touchpoint_figures(tp, ix, y, iw, out);
        out.push(Node::Close);
        y + 12.0 + INSET - top
    }

    fn owner_cell(&self, tp: &Touchpoint, x: f64, top: f64, w: f64, out: &mut Vec<Node>) -> f64 {
        let (ix, iw) = (x + PAD, w - 2.0 * PAD);
        let y = top + PAD;
        let Some(owner) = &tp.owner else {
            let s = Style::new(st::NOTE, st::INK_MUTED, TextRole::Note, 1).italic();
            return put(out, "No owner", ix, y, iw, s) + 2.0 * PAD;
        };
        let name = self
            .map
            .team(owner.as_str())
            .map_or(owner.as_str(), |t| t.name.as_str());
        let s = Style::new(Font::bold(12.0), st::OWNER_INK, TextRole::Owner, 2);
        let mut b = block(name, ix + 10.0, y + 4.0, iw - 20.0, s);
        centre(&mut b);
        let h = b.height() + 8.0;
        out.push(Node::Rect {
            r: rect(ix, y, b.wrapped.width + 20.0, h),
            rx: h.min(24.0) / 2.0,
            fill: st::OWNER_BG,
            stroke: None,
        });
        out.push(Node::Text(b));
        h + 2.0 * PAD
    }

    /// The emotion curve lane (fixed height). Returns the y below.
    fn emotion_lane(&mut self, top: f64) -> f64 {
        let level = |s: i64| top + EMOTION_TOP + (2 - s) as f64 * LEVEL_STEP;
        let height = 2.0 * EMOTION_TOP + 4.0 * LEVEL_STEP;
        let label_w = LABEL_W - 2.0 * PAD - 30.0;
        let height = height.max(Self::label_height(label_w)(Lane::Emotions.title()));
        let (gx, gw) = (self.grid_x, self.grid_right - self.grid_x);
        self.back.push(Node::Rect {
            r: rect(gx, top, gw, level(0) - top),
            rx: 0.0,
            fill: st::POSITIVE_BAND,
            stroke: None,
        });
        self.back.push(Node::Rect {
            r: rect(gx, level(0), gw, top + height - level(0)),
            rx: 0.0,
            fill: st::NEGATIVE_BAND,
            stroke: None,
        });
        for s in -2..=2 {
            let y = level(s);
            self.back.push(Node::Line {
                x1: gx,
                y1: y,
                x2: self.grid_right,
                y2: y,
                stroke: if s == 0 {
                    st::BASELINE
                } else {
                    st::GRID_STRONG
                },
                width: if s == 0 { 1.2 } else { 0.8 },
                dash: if s == 0 { None } else { Some("2 4") },
            });
            let axis = Style::new(st::AXIS, st::INK_SOFT, TextRole::Axis, 1).anchor(Anchor::End);
            let lh = st::AXIS.line_height();
            put(
                &mut self.front,
                &st::score_text(s),
                gx - 10.0,
                y - lh / 2.0,
                26.0,
                axis,
            );
        }
        self.lane_label(Lane::Emotions.title(), top, height, label_w);

        // The curve: solid between neighbouring columns, dashed where it
        // bridges touchpoints without a recorded emotion.
        let points: Vec<(usize, f64, f64)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let e = c.touchpoint?.emotion.as_ref()?;
                Some((i, c.x + self.col_w / 2.0, level(e.score.clamp(-2, 2))))
            })
            .collect();
        let mut solid = String::new();
        let mut last: Option<(usize, f64, f64)> = None;
        for &(i, x, y) in &points {
            if let Some((j, px, py)) = last {
                let mid = (px + x) / 2.0;
                let seg = format!(
                    "C{} {} {} {} {} {}",
                    num(mid),
                    num(py),
                    num(mid),
                    num(y),
                    num(x),
                    num(y)
                );
                if i == j + 1 {
                    if solid.is_empty() {
                        solid = format!("M{} {}", num(px), num(py));
                    }
                    solid.push_str(&seg);
                } else {
                    self.flush_curve(&mut solid);
                    self.front.push(Node::Path {
                        d: format!("M{} {}{seg}", num(px), num(py)),
                        fill: None,
                        stroke: Some((st::CURVE_GAP, 2.0)),
                        dash: Some("6 5"),
                    });
                }
            }
            last = Some((i, x, y));
        }
        self.flush_curve(&mut solid);
        // The report's observed scores: a dotted line under the labels,
        // diamonds over them.
        let level_f = |m: f64| top + EMOTION_TOP + (2.0 - m) * LEVEL_STEP;
        let observed = self.observed_points(level_f);
        self.observed_line(&observed);

        let label_style = Style::new(st::EMOTION_LABEL, st::INK, TextRole::EmotionLabel, 2)
            .anchor(Anchor::Middle);
        let note = Style::new(st::NOTE, st::INK_MUTED, TextRole::Note, 2)
            .italic()
            .anchor(Anchor::Middle);
        for (i, col) in self.columns.iter().enumerate() {
            let Some(tp) = col.touchpoint else { continue };
            let cx = col.x + self.col_w / 2.0;
            let iw = self.col_w - 2.0 * PAD;
            let Some(e) = &tp.emotion else {
                put(
                    &mut self.front,
                    "no emotion recorded",
                    cx,
                    top + 5.0,
                    iw,
                    note,
                );
                continue;
            };
            let score = e.score.clamp(-2, 2);
            let cy = level(score);
            let label = e.label.as_deref().filter(|l| !l.trim().is_empty());
            let tooltip = match label {
                Some(l) => format!(
                    "{}: {} ({}) \u{2014} {l}",
                    tp.name,
                    st::score_text(score),
                    st::emotion_name(score)
                ),
                None => format!(
                    "{}: {} ({})",
                    tp.name,
                    st::score_text(score),
                    st::emotion_name(score)
                ),
            };
            self.front.push(Node::Open {
                class: "emotion",
                id: Some(tp.id.to_string()),
                title: Some(tooltip),
            });
            self.front.push(Node::Face {
                score,
                cx,
                cy,
                r: FACE_R,
            });
            self.front.push(Node::Close);
            let Some(label) = label else { continue };
            let mut b = block(label, cx, 0.0, iw - 8.0, label_style);
            b.y = if score == -2 {
                cy - FACE_R - 6.0 - b.height()
            } else {
                cy + FACE_R + 6.0
            };
            if let Some(&Some(d)) = observed.get(i) {
                overlay::clear_of_diamond(&mut b, d, col.x, cy, (top, top + height));
            }
            let r = b.rect();
            self.front.push(Node::Rect {
                r: rect(r.x - 4.0, r.y - 1.0, r.width + 8.0, r.height + 2.0),
                rx: 4.0,
                fill: st::HALO,
                stroke: Some((st::GRID, 1.0)),
            });
            self.front.push(Node::Text(b));
        }
        self.observed_markers(&observed);
        self.under.push(Node::Line {
            x1: MARGIN,
            y1: top + height,
            x2: self.grid_right,
            y2: top + height,
            stroke: st::GRID,
            width: 1.0,
            dash: None,
        });
        top + height
    }

    fn flush_curve(&mut self, d: &mut String) {
        if !d.is_empty() {
            self.front.push(Node::Path {
                d: std::mem::take(d),
                fill: None,
                stroke: Some((st::CURVE, 3.0)),
                dash: None,
            });
        }
    }

    /// Where each column lies between `top` and `bottom`.
    fn column_boxes(&self, top: f64, bottom: f64) -> Vec<ColumnBox> {
        let stages = self.map.stages();
        self.columns
            .iter()
            .map(|c| ColumnBox {
                stage: stages
                    .get(c.stage)
                    .map(|s| s.id.to_string())
                    .unwrap_or_default(),
                touchpoint: c.touchpoint.map(|t| t.id.to_string()),
                rect: rect(c.x, top, self.col_w, bottom - top),
            })
            .collect()
    }

    /// Stage tints behind every lane, and the column rules.
    fn grid_lines(&mut self, top: f64, bottom: f64) {
        let mut tints = Vec::new();
        for (s, &(first, count)) in self.spans.iter().enumerate() {
            let x = self.grid_x + first as f64 * self.col_w;
            if s % 2 == 1 {
                tints.push(Node::Rect {
                    r: rect(x, top, count as f64 * self.col_w, bottom - top),
                    rx: 0.0,
                    fill: st::STAGE_TINT,
                    stroke: None,
                });
            }
            if s > 0 {
                self.under.push(Node::Line {
                    x1: x,
                    y1: top,
                    x2: x,
                    y2: bottom,
                    stroke: st::GRID_STRONG,
                    width: 1.0,
                    dash: None,
                });
            }
            for k in 1..count {
                let cx = x + k as f64 * self.col_w;
                self.under.push(Node::Line {
                    x1: cx,
                    y1: top,
                    x2: cx,
                    y2: bottom,
                    stroke: st::GRID,
                    width: 1.0,
                    dash: Some("3 4"),
                });
            }
        }
        tints.append(&mut self.under);
        self.under = tints;
    }

    /// The legend, 24 px below `above`: a row for each lane drawn that needs
    /// one (emotion scale, severities, channel kinds, opportunity status).
    /// Returns the y below (`above` when there is nothing to explain).
    fn legend(&mut self, above: f64) -> f64 {
        let head = Style::new(st::LEGEND_HEAD, st::LABEL_INK, TextRole::Legend, 2);
        let item = Style::new(st::LEGEND, st::INK_SOFT, TextRole::Legend, 2);
        let row_h = 24.0;
        let right = self.width - MARGIN - PAD;
        type Glyph = Box<dyn Fn(f64, f64, &mut Vec<Node>) -> f64>;
        type Row = (Lane, &'static str, Vec<(String, Glyph)>);
        let rows: Vec<Row> = vec![
            (
                Lane::Emotions,
                "Emotion",
                (-2..=2)
                    .map(|s| {
                        let g: Glyph = Box::new(move |x, cy, out: &mut Vec<Node>| {
                            out.push(Node::Face {
                                score: s,
                                cx: x + 9.0,
                                cy,
                                r: 9.0,
                            });
                            18.0
                        });
                        (format!("{} {}", st::score_text(s), st::emotion_name(s)), g)
                    })
                    .chain(std::iter::once({
                        let g: Glyph = Box::new(|x, cy, out: &mut Vec<Node>| {
                            out.push(Node::Path {
                                d: format!("M{} {}H{}", num(x), num(cy), num(x + 26.0)),
                                fill: None,
                                stroke: Some((st::CURVE_GAP, 2.0)),
                                dash: Some("6 5"),
                            });
                            26.0
                        });
                        ("no emotion recorded in between".to_owned(), g)
                    }))
                    .collect(),
            ),
            (
                Lane::PainPoints,
                "Pain point severity",
                [
                    Severity::Low,
                    Severity::Medium,
                    Severity::High,
                    Severity::Critical,
                ]
                .into_iter()
                .map(|sev| {
                    let (stripe, fill, _) = st::severity_colours(sev);
                    let g: Glyph = Box::new(move |x, cy, out: &mut Vec<Node>| {
                        stripe_swatch(x, cy, stripe, fill, out)
                    });
                    (capitalise(st::severity_name(sev)), g)
                })
                .collect(),
            ),
            (
                Lane::Touchpoints,
                "Channel kind",
                [
                    ChannelKind::Digital,
                    ChannelKind::Physical,
                    ChannelKind::Human,
                    ChannelKind::Other,
                ]
                .into_iter()
                .map(|kind| {
                    let g: Glyph = Box::new(move |x, cy, out: &mut Vec<Node>| {
                        out.push(Node::Icon {
                            kind,
                            cx: x + 9.0,
                            cy,
                            r: 9.0,
                        });
                        18.0
                    });
                    (st::channel_kind_name(kind).to_owned(), g)
                })
                .collect(),
            ),
            (
                Lane::Opportunities,
                "Opportunity status",
                [
                    OpportunityStatus::Idea,
                    OpportunityStatus::Planned,
                    OpportunityStatus::InProgress,
                    OpportunityStatus::Done,
                    OpportunityStatus::Rejected,
                ]
                .into_iter()
                .map(|status| {
                    let (stripe, fill, _) = st::status_colours(status);
                    let g: Glyph = Box::new(move |x, cy, out: &mut Vec<Node>| {
                        stripe_swatch(x, cy, stripe, fill, out)
                    });
                    (capitalise(st::status_name(status)), g)
                })
                .collect(),
            ),
        ];
        let shown = |lane: &Lane| self.options.lanes.contains(lane);
        let mut rows: Vec<_> = rows.into_iter().filter(|(l, _, _)| shown(l)).collect();
        if self.overlay_in_legend() {
            // The lane of this row is not looked at: rows are filtered above.
            let items = overlay::legend_items(shown(&Lane::Touchpoints), shown(&Lane::Emotions));
            rows.push((Lane::Touchpoints, "Report", items));
        }
        if rows.is_empty() {
            return above;
        }
        let top = above + 24.0;
        let mut y = top + PAD;
        let mut max_x = self.grid_x;
        for (_, title, items) in rows {
            let row_top = y;
            let hh = put(
                &mut self.front,
                title,
                MARGIN + PAD,
                y + (row_h - st::LEGEND_HEAD.line_height()) / 2.0,
                LABEL_W - 2.0 * PAD,
                head,
            );
            let mut x = self.grid_x + PAD;
            let mut line_top = y;
            for (text, glyph) in items {
                let tw = measure(&text, st::LEGEND).min(right - self.grid_x - 60.0);
                let item_w = 18.0 + 8.0 + tw + 26.0;
                if x > self.grid_x + PAD && x + item_w - 26.0 > right {
                    x = self.grid_x + PAD;
                    line_top += row_h;
                }
                let cy = line_top + row_h / 2.0;
                let gw = glyph(x, cy, &mut self.front);
                let lh = st::LEGEND.line_height();
                put(
                    &mut self.front,
                    &text,
                    x + gw + 8.0,
                    cy - lh / 2.0,
                    tw + 1.0,
                    item,
                );
                max_x = max_x.max(x + gw + 8.0 + tw + 1.0);
                x += gw + 8.0 + tw + 26.0;
            }
            y = (line_top + row_h).max(row_top + hh + 4.0) + 4.0;
        }
        let bottom = y + PAD - 4.0;
        let width = (max_x + PAD - MARGIN).min(self.content_width());
        self.back.push(Node::Rect {
            r: rect(MARGIN, top, width, bottom - top),
            rx: 8.0,
            fill: st::LEGEND_BG,
            stroke: Some((st::GRID, 1.0)),
        });
        bottom
    }

    fn finish(self, height: f64) -> Scene {
        let title = self.title().to_owned();
        let mut desc = format!(
            "Customer journey map: {}, {}",
            plural(self.map.stages().len(), "stage", "stages"),
            plural(self.map.touchpoints().len(), "touchpoint", "touchpoints")
        );
        if let Some(p) = self.persona {
            desc.push_str(&format!(", for persona {}", p.name));
        }
        if let Some(more) = self.overlay_desc() {
            desc.push_str(&more);
        }
        desc.push('.');
        let mut back = self.under;
        back.extend(self.back);
        Scene {
            width: self.width,
            height,
            title,
            desc,
            back,
            front: self.front,
            columns: self.column_boxes,
        }
    }
}

fn num(v: f64) -> String {
    super::scene::num(v)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A free key as a label: `company_size` -> `Company size`.
fn humanise(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A free value as text: strings as they are, anything else as JSON.
fn value_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A rounded box with a 4 px accent band along its top edge, following the
/// rounded corners.
fn accented_box(
    out: &mut Vec<Node>,
    r: Rect,
    rx: f64,
    fill: &'static str,
    accent: &'static str,
    stroke: super::scene::Stroke,
) {
    const BAND: f64 = 4.0;
    out.push(Node::Rect {
        r,
        rx,
        fill,
        stroke: None,
    });
    // The band: the part of the rounded outline above y + BAND.
    let rx = rx.min(r.width / 2.0).min(r.height / 2.0).max(BAND);
    let dx = (rx * rx - (rx - BAND) * (rx - BAND)).sqrt();
    out.push(Node::Path {
        d: format!(
            "M{} {}A{} {} 0 0 1 {} {}H{}A{} {} 0 0 1 {} {}Z",
            num(r.x + rx - dx),
            num(r.y + BAND),
            num(rx),
            num(rx),
            num(r.x + rx),
            num(r.y),
            num(r.x + r.width - rx),
            num(rx),
            num(rx),
            num(r.x + r.width - rx + dx),
            num(r.y + BAND),
        ),
        fill: Some(accent),
        stroke: None,
        dash: None,
    });
    if stroke.is_some() {
        out.push(Node::Rect {
            r,
            rx,
            fill: "none",
            stroke,
        });
    }
}

/// Turns a start-anchored block into a centred one over the same box, so
/// that the slack of the width estimate is shared by both sides.
fn centre(b: &mut TextBlock) {
    if b.anchor == Anchor::Start {
        b.x += b.wrapped.width / 2.0;
        b.anchor = Anchor::Middle;
    }
}

/// A small coloured pill with bold text; returns its height.
fn pill(
    out: &mut Vec<Node>,
    text: &str,
    x: f64,
    y: f64,
    fill: &'static str,
    ink: &'static str,
) -> f64 {
    let h = 18.0;
    let s = Style::new(st::BADGE, ink, TextRole::Badge, 1);
    let mut b = block(
        text,
        x + 7.0,
        y + (h - st::BADGE.line_height()) / 2.0,
        400.0,
        s,
    );
    centre(&mut b);
    out.push(Node::Rect {
        r: rect(x, y, b.wrapped.width + 14.0, h),
        rx: h / 2.0,
        fill,
        stroke: None,
    });
    out.push(Node::Text(b));
    h
}

/// A bulleted list from `y`, at most `max` items then "+N more" (with the
/// rest in a tooltip). Returns the y below.
fn bullets(
    out: &mut Vec<Node>,
    items: &[String],
    x: f64,
    mut y: f64,
    w: f64,
    s: Style,
    max: usize,
) -> f64 {
    let lh = s.font.line_height();
    for item in items.iter().take(max) {
        out.push(Node::Circle {
            cx: x + 3.0,
            cy: y + lh / 2.0,
            r: 2.5,
            fill: st::INK_MUTED,
            stroke: None,
        });
        y += put(out, item, x + 12.0, y, w - 12.0, s) + 4.0;
    }
    more(
        out,
        &items.iter().map(String::as_str).collect::<Vec<_>>(),
        max,
        x,
        y,
        w,
    )
}

/// "+N more" for the items past `max`, with their text as a tooltip.
/// Returns the y below.
fn more(out: &mut Vec<Node>, items: &[&str], max: usize, x: f64, y: f64, w: f64) -> f64 {
    if items.len() <= max {
        return y;
    }
    let rest = &items[max..];
    out.push(Node::Open {
        class: "more",
        id: None,
        title: Some(rest.join("\n")),
    });
    let s = Style::new(st::NOTE, st::INK_SOFT, TextRole::Note, 1).italic();
    let h = put(out, &format!("+{} more", rest.len()), x, y, w, s);
    out.push(Node::Close);
    y + h + 4.0
}

fn actions_cell(tp: &Touchpoint, x: f64, top: f64, w: f64, out: &mut Vec<Node>) -> f64 {
    if tp.actions.is_empty() {
        return 0.0;
    }
    let s = Style::new(st::BODY, st::INK, TextRole::Action, 4);
    let y = bullets(
        out,
        &tp.actions,
        x + PAD,
        top + PAD,
        w - 2.0 * PAD,
        s,
        MAX_ITEMS,
    );
    y - 4.0 + PAD - top
}

/// A card of the pain-point or opportunity lane.
struct Card<'t> {
    /// The pain point's or opportunity's id.
    id: Option<String>,
    text: &'t str,
    badge: String,
    /// (stripe, fill, badge ink).
    colours: (&'static str, &'static str, &'static str),
    tooltip: Option<String>,
}

/// A stack of tinted cards with a coloured stripe, a badge line and text.
/// Returns the y below.
fn cards<'t>(
    out: &mut Vec<Node>,
    items: impl Iterator<Item = Card<'t>>,
    role: TextRole,
    x: f64,
    mut y: f64,
    w: f64,
) -> f64 {
    let (cx, cw) = (x + INSET, w - 2.0 * INSET);
    let (tx, tw) = (cx + 14.0, cw - 14.0 - 8.0);
    for card in items {
        let (stripe, fill, ink) = card.colours;
        let badge_style = Style::new(st::BADGE, ink, TextRole::Badge, 2);
        let b = block(&card.badge, tx, y + 8.0, tw, badge_style);
        let body = Style::new(st::BODY, st::INK, role, 5);
        let t = block(card.text, tx, y + 8.0 + b.height() + 2.0, tw, body);
        let h = 8.0 + b.height() + 2.0 + t.height() + 9.0;
        out.push(Node::Open {
            class: if role == TextRole::PainPoint {
                "pain-point"
            } else {
                "opportunity"
            },
            id: card.id,
            title: card.tooltip,
        });
        out.push(Node::Rect {
            r: rect(cx, y, cw, h),
            rx: 6.0,
            fill,
            stroke: None,
        });
        out.push(Node::Rect {
            r: rect(cx, y, 5.0, h),
            rx: 2.5,
            fill: stripe,
            stroke: None,
        });
        out.push(Node::Text(b));
        out.push(Node::Text(t));
        out.push(Node::Close);
        y += h + GAP;
    }
    y
}

fn pain_cell(tp: &Touchpoint, x: f64, top: f64, w: f64, out: &mut Vec<Node>) -> f64 {
    if tp.pain_points.is_empty() {
        return 0.0;
    }
    let items = tp.pain_points.iter().take(MAX_ITEMS).map(|p| Card {
        id: Some(p.id.to_string()),
        text: &p.description,
        badge: st::severity_name(p.severity).to_owned(),
        colours: st::severity_colours(p.severity),
        tooltip: None,
    });
    let y = cards(out, items, TextRole::PainPoint, x, top + INSET, w);
    let rest: Vec<&str> = tp
        .pain_points
        .iter()
        .map(|p| p.description.as_str())
        .collect();
    let y = more(out, &rest, MAX_ITEMS, x + PAD, y, w - 2.0 * PAD);
    y - GAP + INSET - top
}

impl Canvas<'_> {
    fn opportunity_cell(
        &self,
        tp: &Touchpoint,
        x: f64,
        top: f64,
        w: f64,
        out: &mut Vec<Node>,
    ) -> f64 {
        if tp.opportunities.is_empty() {
            return 0.0;
        }
        let items = tp.opportunities.iter().take(MAX_ITEMS).map(|o| {
            let mut badge = st::status_name(o.status).to_owned();
            let mut tooltip = None;
            if !o.addresses.is_empty() {
                badge.push_str(&format!(" \u{b7} FIXES {}", o.addresses.len()));
                let fixed: Vec<&str> = o
                    .addresses
                    .iter()
                    .map(|id| self.pains.get(id.as_str()).copied().unwrap_or(id.as_str()))
                    .collect();
                tooltip = Some(format!("Addresses: {}", fixed.join("; ")));
            }
            Card {
                id: Some(o.id.to_string()),
                text: &o.description,
                badge,
                colours: st::status_colours(o.status),
                tooltip,
            }
        });
        let y = cards(out, items, TextRole::Opportunity, x, top + INSET, w);
        let rest: Vec<&str> = tp
            .opportunities
            .iter()
            .map(|o| o.description.as_str())
            .collect();
        let y = more(out, &rest, MAX_ITEMS, x + PAD, y, w - 2.0 * PAD);
        y - GAP + INSET - top
    }
}

/// A legend swatch shaped like a pain point or opportunity card: a tinted
/// box with its coloured stripe on the left. Returns the width drawn.
fn stripe_swatch(
    x: f64,
    cy: f64,
    stripe: &'static str,
    fill: &'static str,
    out: &mut Vec<Node>,
) -> f64 {
    out.push(Node::Rect {
        r: rect(x, cy - 8.0, 22.0, 16.0),
        rx: 3.0,
        fill,
        stroke: Some((stripe, 1.0)),
    });
    out.push(Node::Rect {
        r: rect(x, cy - 8.0, 5.0, 16.0),
        rx: 2.0,
        fill: stripe,
        stroke: None,
    });
    22.0
}
