//! Colours, fonts and sizes of the canvas.

use crate::model::{ChannelKind, OpportunityStatus, Severity};
use crate::render::text::Font;

/// Font stack: Helvetica/Arial metrics first (the widths the layout assumes),
/// then any sans-serif.
pub const FONT_FAMILY: &str =
    "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'Segoe UI', sans-serif";

pub const PAGE: &str = "#ffffff";
pub const INK: &str = "#0f172a";
pub const INK_SOFT: &str = "#475569";
pub const INK_MUTED: &str = "#94a3b8";
pub const GRID: &str = "#e2e8f0";
pub const GRID_STRONG: &str = "#cbd5e1";
pub const LABEL_BG: &str = "#f1f5f9";
pub const LABEL_INK: &str = "#334155";
pub const STAGE_TINT: &str = "#f8fafc";
pub const CARD: &str = "#ffffff";
pub const CARD_STROKE: &str = "#cbd5e1";
pub const PANEL: &str = "#f5f7ff";
pub const PANEL_STROKE: &str = "#c7d2fe";
pub const PANEL_INK: &str = "#3730a3";
pub const AVATAR: &str = "#6366f1";
pub const CURVE: &str = "#6366f1";
pub const CURVE_GAP: &str = "#a5b4fc";
pub const POSITIVE_BAND: &str = "#f0fdf4";
pub const NEGATIVE_BAND: &str = "#fef2f2";
pub const BASELINE: &str = "#94a3b8";
pub const HALO: &str = "#ffffff";
pub const FACE_INK: &str = "#1f2937";
pub const OWNER_BG: &str = "#ede9fe";
pub const OWNER_INK: &str = "#5b21b6";
pub const LEGEND_BG: &str = "#f8fafc";
pub const CONVERSION: &str = "#059669";
pub const EXIT: &str = "#64748b";
pub const WHITE: &str = "#ffffff";
/// Report overlay: observed figures, reach bars and observed-score markers.
pub const OBSERVED: &str = "#0d9488";
pub const OBSERVED_INK: &str = "#115e59";
pub const TRACK: &str = "#e2e8f0";
pub const WARNING_INK: &str = "#b45309";

/// Soft header colours, one per stage, cycling.
pub const STAGE_HEADERS: [&str; 6] = [
    "#dbeafe", "#e0e7ff", "#fae8ff", "#fce7f3", "#fef3c7", "#dcfce7",
];
/// Matching accent (top rule) colours.
pub const STAGE_ACCENTS: [&str; 6] = [
    "#3b82f6", "#6366f1", "#c026d3", "#db2777", "#d97706", "#16a34a",
];

pub const TITLE: Font = Font::bold(26.0);
pub const SUBTITLE: Font = Font::regular(13.0);
pub const META: Font = Font::regular(12.0);
pub const PERSONA_NAME: Font = Font::bold(16.0);
pub const PERSONA_HEAD: Font = Font::bold(12.0);
pub const BODY: Font = Font::regular(12.0);
pub const STAGE_NAME: Font = Font::bold(15.0);
pub const STAGE_GOAL: Font = Font::regular(11.5);
pub const LANE_LABEL: Font = Font::bold(13.0);
pub const AXIS: Font = Font::regular(11.0);
pub const TOUCHPOINT: Font = Font::bold(13.0);
pub const CHANNEL: Font = Font::regular(11.5);
pub const BADGE: Font = Font::bold(10.0);
pub const EMOTION_LABEL: Font = Font::regular(11.0);
pub const NOTE: Font = Font::regular(11.0);
pub const LEGEND_HEAD: Font = Font::bold(12.0);
pub const LEGEND: Font = Font::regular(11.5);
pub const REPORT: Font = Font::regular(12.0);
pub const FIGURE: Font = Font::regular(11.0);
pub const FIGURE_VALUE: Font = Font::bold(11.5);
pub const FUNNEL_HEAD: Font = Font::bold(13.0);

/// Disc colour of a channel kind.
pub fn channel_colour(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Digital => "#3b82f6",
        ChannelKind::Physical => "#10b981",
        ChannelKind::Human => "#f59e0b",
        ChannelKind::Other => "#8b5cf6",
    }
}

/// Name of a channel kind, for the legend.
pub fn channel_kind_name(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Digital => "Digital",
        ChannelKind::Physical => "Physical",
        ChannelKind::Human => "Human",
        ChannelKind::Other => "Other",
    }
}

/// Face colour for an emotion score (-2..=2).
pub fn emotion_colour(score: i64) -> &'static str {
    match score {
        i64::MIN..=-2 => "#f87171",
        -1 => "#fdba74",
        0 => "#fde047",
        1 => "#bef264",
        _ => "#4ade80",
    }
}

/// Words for an emotion score.
pub fn emotion_name(score: i64) -> &'static str {
    match score {
        i64::MIN..=-2 => "very negative",
        -1 => "negative",
        0 => "neutral",
        1 => "positive",
        _ => "very positive",
    }
}

/// The score as shown on the axis (`+2`, `0`, `−1`).
pub fn score_text(score: i64) -> String {
    match score {
        s if s > 0 => format!("+{s}"),
        0 => "0".to_owned(),
        s => format!("\u{2212}{}", s.unsigned_abs()),
    }
}

/// (stripe, fill, label ink) of a pain point severity.
pub fn severity_colours(s: Severity) -> (&'static str, &'static str, &'static str) {
    match s {
        Severity::Low => ("#facc15", "#fefce8", "#854d0e"),
        Severity::Medium => ("#fb923c", "#fff7ed", "#9a3412"),
        Severity::High => ("#ef4444", "#fef2f2", "#b91c1c"),
        Severity::Critical => ("#9f1239", "#ffe4e6", "#881337"),
    }
}

/// Badge text of a severity.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
        Severity::Critical => "CRITICAL",
    }
}

/// (stripe, fill, label ink) of an opportunity status.
pub fn status_colours(s: OpportunityStatus) -> (&'static str, &'static str, &'static str) {
    match s {
        OpportunityStatus::Idea => ("#2dd4bf", "#f0fdfa", "#0f766e"),
        OpportunityStatus::Planned => ("#38bdf8", "#f0f9ff", "#0369a1"),
        OpportunityStatus::InProgress => ("#818cf8", "#eef2ff", "#4338ca"),
        OpportunityStatus::Done => ("#22c55e", "#f0fdf4", "#15803d"),
        OpportunityStatus::Rejected => ("#cbd5e1", "#f8fafc", "#64748b"),
    }
}

/// Badge text of an opportunity status.
pub fn status_name(s: OpportunityStatus) -> &'static str {
    match s {
        OpportunityStatus::Idea => "IDEA",
        OpportunityStatus::Planned => "PLANNED",
        OpportunityStatus::InProgress => "IN PROGRESS",
        OpportunityStatus::Done => "DONE",
        OpportunityStatus::Rejected => "REJECTED",
    }
}
