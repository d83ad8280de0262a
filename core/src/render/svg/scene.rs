//! The drawing as a list of primitives, and its SVG serialisation.
//!
//! Only text blocks and titles carry user text; every other attribute is a
//! number or a constant of this crate, so escaping happens in one place.

use std::fmt::Write as _;

use super::style::{self, FONT_FAMILY};
use super::{ColumnBox, Layout, Rect, TextBox, TextRole};
use crate::model::ChannelKind;
use crate::render::escape;
use crate::render::text::{Font, Wrapped};

/// Horizontal alignment of a text block on its anchor x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// A block of wrapped text, top-aligned at `y`.
#[derive(Clone, Debug)]
pub(super) struct TextBlock {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub font: Font,
    pub italic: bool,
    pub fill: &'static str,
    pub role: TextRole,
    pub wrapped: Wrapped,
    /// The full text, shown as a tooltip when `wrapped` was cut.
    pub full: String,
}

impl TextBlock {
    pub fn height(&self) -> f64 {
        self.wrapped.lines.len() as f64 * self.font.line_height()
    }

    pub fn rect(&self) -> Rect {
        let width = self.wrapped.width;
        let x = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - width / 2.0,
            Anchor::End => self.x - width,
        };
        Rect {
            x,
            y: self.y,
            width,
            height: self.height(),
        }
    }
}

/// A stroke: colour and width.
pub(super) type Stroke = Option<(&'static str, f64)>;

/// One drawing primitive.
#[derive(Clone, Debug)]
pub(super) enum Node {
    /// Start of a group; `id` is the id of the map entity it draws
    /// (written as `data-id`, so that a page can find a touchpoint, stage,
    /// pain point or opportunity on the canvas), `title` a tooltip (user
    /// text).
    Open {
        class: &'static str,
        id: Option<String>,
        title: Option<String>,
    },
    Close,
    Rect {
        r: Rect,
        rx: f64,
        fill: &'static str,
        stroke: Stroke,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: &'static str,
        stroke: Stroke,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: &'static str,
        width: f64,
        dash: Option<&'static str>,
    },
    /// A path built from numbers only.
    Path {
        d: String,
        fill: Option<&'static str>,
        stroke: Stroke,
        dash: Option<&'static str>,
    },
    /// A channel-kind icon: white glyph on a coloured disc.
    Icon {
        kind: ChannelKind,
        cx: f64,
        cy: f64,
        r: f64,
    },
    /// An emotion face for a score in -2..=2.
    Face {
        score: i64,
        cx: f64,
        cy: f64,
        r: f64,
    },
    Text(TextBlock),
}

/// The whole drawing: background nodes first, then the foreground.
#[derive(Debug, Default)]
pub(super) struct Scene {
    pub width: f64,
    pub height: f64,
    /// Accessible title of the document (user text).
    pub title: String,
    /// Accessible description (user text).
    pub desc: String,
    pub back: Vec<Node>,
    pub front: Vec<Node>,
    /// The columns, for [`Layout::columns`].
    pub columns: Vec<ColumnBox>,
}

/// A number with at most one decimal, without a trailing `.0`.
pub(super) fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn stroke_attrs(out: &mut String, stroke: Stroke) {
    if let Some((colour, width)) = stroke {
        let _ = write!(out, r#" stroke="{colour}" stroke-width="{}""#, num(width));
    }
}

impl Scene {
    /// The text blocks and canvas size.
    pub fn layout(&self) -> Layout {
        let text_boxes = self
            .back
            .iter()
            .chain(&self.front)
            .filter_map(|n| match n {
                Node::Text(t) => Some(TextBox {
                    rect: t.rect(),
                    role: t.role,
                    lines: t.wrapped.lines.clone(),
                    truncated: t.wrapped.truncated,
                }),
                _ => None,
            })
            .collect();
        Layout {
            width: self.width,
            height: self.height,
            text_boxes,
            columns: self.columns.clone(),
        }
    }

    /// The SVG document.
    pub fn to_svg(&self) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let (w, h) = (num(self.width.ceil()), num(self.height.ceil()));
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">"#
        );
        out.push_str("<title>");
        escape::push_text(&mut out, &self.title);
        out.push_str("</title>\n");
        if !self.desc.is_empty() {
            out.push_str("<desc>");
            escape::push_text(&mut out, &self.desc);
            out.push_str("</desc>\n");
        }
        let _ = writeln!(
            out,
            r#"<g font-family="{FONT_FAMILY}" text-rendering="geometricPrecision">"#
        );
        let _ = writeln!(
            out,
            r#"<rect x="0" y="0" width="{w}" height="{h}" fill="{}"/>"#,
            style::PAGE
        );
        for node in self.back.iter().chain(&self.front) {
            write_node(&mut out, node);
        }
        out.push_str("</g>\n</svg>\n");
        out
    }
}

fn write_node(out: &mut String, node: &Node) {
    match node {
        Node::Open { class, id, title } => {
            let _ = write!(out, r#"<g class="{class}""#);
            if let Some(id) = id {
                out.push_str(r#" data-id=""#);
                escape::push_attr(out, id);
                out.push('"');
            }
            out.push('>');
            if let Some(t) = title {
                out.push_str("<title>");
                escape::push_text(out, t);
                out.push_str("</title>");
            }
            out.push('\n');
        }
        Node::Close => out.push_str("</g>\n"),
        Node::Rect {
            r,
            rx,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}""#,
                num(r.x),
                num(r.y),
                num(r.width),
                num(r.height)
            );
            if *rx > 0.0 {
                let _ = write!(out, r#" rx="{}""#, num(*rx));
            }
            let _ = write!(out, r#" fill="{fill}""#);
            stroke_attrs(out, *stroke);
            out.push_str("/>\n");
        }
        Node::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}""#,
                num(*cx),
                num(*cy),
                num(*r)
            );
            stroke_attrs(out, *stroke);
            out.push_str("/>\n");
        }
        Node::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
            width,
            dash,
        } => {
            let _ = write!(
                out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}""#,
                num(*x1),
                num(*y1),
                num(*x2),
                num(*y2),
                num(*width)
            );
            if let Some(d) = dash {
                let _ = write!(out, r#" stroke-dasharray="{d}""#);
            }
            out.push_str("/>\n");
        }
        Node::Path {
            d,
            fill,
            stroke,
            dash,
        } => {
            let _ = write!(out, r#"<path d="{d}" fill="{}""#, fill.unwrap_or("none"));
            stroke_attrs(out, *stroke);
            if stroke.is_some() {
                out.push_str(r#" stroke-linecap="round" stroke-linejoin="round""#);
            }
            if let Some(d) = dash {
                let _ = write!(out, r#" stroke-dasharray="{d}""#);
            }
            out.push_str("/>\n");
        }
        Node::Icon { kind, cx, cy, r } => write_icon(out, *kind, *cx, *cy, *r),
        Node::Face { score, cx, cy, r } => write_face(out, *score, *cx, *cy, *r),
        Node::Text(t) => write_text(out, t),
    }
}

fn write_text(out: &mut String, t: &TextBlock) {
    if t.wrapped.lines.iter().all(|l| l.is_empty()) {
        return;
    }
    if t.wrapped.truncated {
        out.push_str("<g><title>");
        escape::push_text(out, &t.full);
        out.push_str("</title>");
    }
    let anchor = match t.anchor {
        Anchor::Start => "",
        Anchor::Middle => r#" text-anchor="middle""#,
        Anchor::End => r#" text-anchor="end""#,
    };
    let _ = write!(
        out,
        r#"<text font-size="{}" fill="{}"{anchor}"#,
        num(t.font.size),
        t.fill
    );
    if t.font.bold {
        out.push_str(r#" font-weight="bold""#);
    }
    if t.italic {
        out.push_str(r#" font-style="italic""#);
    }
    out.push('>');
    let lh = t.font.line_height();
    // Baseline of the first line: centre the glyphs (cap height ~0.7 em) in
    // the line box.
    let first = t.y + (lh - t.font.size) / 2.0 + t.font.size * 0.8;
    for (i, line) in t.wrapped.lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<tspan x="{}" y="{}">"#,
            num(t.x),
            num(first + i as f64 * lh)
        );
        escape::push_text(out, line);
        out.push_str("</tspan>");
    }
    out.push_str("</text>");
    if t.wrapped.truncated {
        out.push_str("</g>");
    }
    out.push('\n');
}

fn write_icon(out: &mut String, kind: ChannelKind, cx: f64, cy: f64, r: f64) {
    let n = |v: f64| num(v);
    let _ = write!(
        out,
        r#"<g><circle cx="{}" cy="{}" r="{}" fill="{}"/>"#,
        n(cx),
        n(cy),
        n(r),
        style::channel_colour(kind)
    );
    let sw = num(r * 0.16);
    match kind {
        ChannelKind::Digital => {
            // A screen on a stand.
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="none" stroke="white" stroke-width="{sw}"/><path d="M{} {}V{}M{} {}H{}" stroke="white" stroke-width="{sw}" stroke-linecap="round"/>"#,
                n(cx - r * 0.55),
                n(cy - r * 0.48),
                n(r * 1.1),
                n(r * 0.72),
                n(r * 0.08),
                n(cx),
                n(cy + r * 0.24),
                n(cy + r * 0.5),
                n(cx - r * 0.32),
                n(cy + r * 0.52),
                n(cx + r * 0.32),
            );
        }
        ChannelKind::Physical => {
            // A shop front: roof and walls.
            let _ = write!(
                out,
                r#"<path d="M{} {}L{} {}L{} {}V{}H{}Z" fill="none" stroke="white" stroke-width="{sw}" stroke-linejoin="round"/>"#,
                n(cx - r * 0.58),
                n(cy - r * 0.05),
                n(cx),
                n(cy - r * 0.58),
                n(cx + r * 0.58),
                n(cy - r * 0.05),
                n(cy + r * 0.52),
                n(cx - r * 0.58),
            );
        }
        ChannelKind::Human => {
            // Head and shoulders.
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="white"/><path d="M{} {}C{} {} {} {} {} {}Z" fill="white"/>"#,
                n(cx),
                n(cy - r * 0.26),
                n(r * 0.26),
                n(cx - r * 0.55),
                n(cy + r * 0.56),
                n(cx - r * 0.5),
                n(cy - r * 0.02),
                n(cx + r * 0.5),
                n(cy - r * 0.02),
                n(cx + r * 0.55),
                n(cy + r * 0.56),
            );
        }
        ChannelKind::Other => {
            // Three dots.
            for dx in [-0.36, 0.0, 0.36] {
                let _ = write!(
                    out,
                    r##"<circle cx="{}" cy="{}" r="{}" fill="white"/>"##,
                    n(cx + r * dx),
                    n(cy),
                    n(r * 0.12)
                );
            }
        }
    }
    out.push_str("</g>\n");
}

fn write_face(out: &mut String, score: i64, cx: f64, cy: f64, r: f64) {
    let n = |v: f64| num(v);
    let ink = style::FACE_INK;
    let _ = write!(
        out,
        r##"<g><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="white" stroke-width="{}"/>"##,
        n(cx),
        n(cy),
        n(r),
        style::emotion_colour(score),
        n((r * 0.16).max(1.5))
    );
    for dx in [-0.34, 0.34] {
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{ink}"/>"#,
            n(cx + r * dx),
            n(cy - r * 0.22),
            n(r * 0.12)
        );
    }
    // Mouth: a curve bending down (smile) for positive scores, up (frown)
    // for negative ones, flat for neutral.
    let s = score.clamp(-2, 2) as f64;
    let base = cy + r * 0.3 - s.min(0.0) * r * 0.12;
    let bend = s * r * 0.2;
    let _ = write!(
        out,
        r#"<path d="M{} {}Q{} {} {} {}" fill="none" stroke="{ink}" stroke-width="{}" stroke-linecap="round"/></g>"#,
        n(cx - r * 0.42),
        n(base),
        n(cx),
        n(base + bend),
        n(cx + r * 0.42),
        n(base),
        n((r * 0.13).max(1.0))
    );
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.04), "3");
        assert_eq!(num(3.06), "3.1");
        assert_eq!(num(-0.44), "-0.4");
        assert_eq!(num(f64::NAN), "0");
    }
}
