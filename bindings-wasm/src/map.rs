//! The map class exported to JavaScript (wrapped by `JourneyMap` in
//! `index.js`). Arguments and results are JSON text; see the crate docs.

use journeymap::model::{
    Channel, Metadata, Objective, Persona, Stage, Team, Touchpoint, Transition,
};
use journeymap::JourneyMap;
use wasm_bindgen::prelude::*;

use crate::convert::{out, parse, to_text_indented};
use crate::error::{throw, JsResult};

/// A [`JourneyMap`] held by JavaScript. Every method either succeeds or
/// throws an error's JSON text; a refused mutation leaves the map unchanged.
#[wasm_bindgen]
pub struct RawJourneyMap {
    map: JourneyMap,
}

impl RawJourneyMap {
    /// Wraps a checked map.
    pub fn new(map: JourneyMap) -> Self {
        Self { map }
    }

    /// The map inside.
    pub fn map(&self) -> &JourneyMap {
        &self.map
    }
}

#[wasm_bindgen]
impl RawJourneyMap {
    /// Parses and checks a map from JSON text.
    pub fn from_json(text: &str) -> JsResult<RawJourneyMap> {
        JourneyMap::from_json(text).map(Self::new).map_err(throw)
    }

    /// An independent copy of the map.
    pub fn duplicate(&self) -> RawJourneyMap {
        Self::new(self.map.clone())
    }

    /// The document as compact JSON text.
    pub fn to_json(&self) -> JsResult<String> {
        out(self.map.document())
    }

    /// The document as JSON text indented with `indent` (compact if empty).
    pub fn to_json_indented(&self, indent: &str) -> JsResult<String> {
        to_text_indented(self.map.document(), indent).map_err(throw)
    }

    /// Title of the map.
    pub fn name(&self) -> String {
        self.map.name().to_owned()
    }

    /// Description of the map, if any.
    pub fn description(&self) -> Option<String> {
        self.map.document().description.clone()
    }

    /// Format version of the document.
    pub fn format_version(&self) -> u32 {
        self.map.document().format_version
    }

    /// Personas (JSON list).
    pub fn personas(&self) -> JsResult<String> {
        out(self.map.personas())
    }

    /// Stages in journey order (JSON list).
    pub fn stages(&self) -> JsResult<String> {
        out(self.map.stages())
    }

    /// Channels (JSON list).
    pub fn channels(&self) -> JsResult<String> {
        out(self.map.channels())
    }

    /// Teams (JSON list).
    pub fn teams(&self) -> JsResult<String> {
        out(self.map.teams())
    }

    /// Touchpoints (JSON list).
    pub fn touchpoints(&self) -> JsResult<String> {
        out(self.map.touchpoints())
    }

    /// Transitions (JSON list).
    pub fn transitions(&self) -> JsResult<String> {
        out(self.map.transitions())
    }

    /// Objectives (JSON list).
    pub fn objectives(&self) -> JsResult<String> {
        out(self.map.objectives())
    }

    /// Metadata (JSON object).
    pub fn metadata(&self) -> JsResult<String> {
        out(self.map.metadata())
    }

    /// The persona with this id (JSON), or nothing.
    pub fn persona(&self, id: &str) -> JsResult<Option<String>> {
        self.map.persona(id).map(out).transpose()
    }

    /// The stage with this id (JSON), or nothing.
    pub fn stage(&self, id: &str) -> JsResult<Option<String>> {
        self.map.stage(id).map(out).transpose()
    }

    /// The channel with this id (JSON), or nothing.
    pub fn channel(&self, id: &str) -> JsResult<Option<String>> {
        self.map.channel(id).map(out).transpose()
    }

    /// The team with this id (JSON), or nothing.
    pub fn team(&self, id: &str) -> JsResult<Option<String>> {
        self.map.team(id).map(out).transpose()
    }

    /// The touchpoint with this id (JSON), or nothing.
    pub fn touchpoint(&self, id: &str) -> JsResult<Option<String>> {
        self.map.touchpoint(id).map(out).transpose()
    }

    /// The objective with this id (JSON), or nothing.
    pub fn objective(&self, id: &str) -> JsResult<Option<String>> {
        self.map.objective(id).map(out).transpose()
    }

    /// The transition from `from` to `to` (JSON), or nothing.
    pub fn transition(&self, from: &str, to: &str) -> JsResult<Option<String>> {
        self.map.transition(from, to).map(out).transpose()
    }

    /// Position of a stage in the journey (0 = first), or nothing.
    pub fn stage_position(&self, id: &str) -> Option<u32> {
        // At most `Limits::max_entities` (100 000) stages: fits a u32.
        self.map
            .stage_position(id)
            .and_then(|p| u32::try_from(p).ok())
    }

    /// Touchpoints of a stage (JSON list); `NOT_FOUND` for an unknown stage.
    pub fn touchpoints_in_stage(&self, stage: &str) -> JsResult<String> {
        out(&self.map.touchpoints_in_stage(stage).map_err(throw)?)
    }

    /// Touchpoints a persona passes (JSON list); `NOT_FOUND` for an unknown persona.
    pub fn touchpoints_for_persona(&self, persona: &str) -> JsResult<String> {
        out(&self.map.touchpoints_for_persona(persona).map_err(throw)?)
    }

    /// Touchpoints one transition away from `touchpoint` (JSON list).
    pub fn successors(&self, touchpoint: &str) -> JsResult<String> {
        out(&self.map.successors(touchpoint).map_err(throw)?)
    }

    /// Touchpoints with a transition into `touchpoint` (JSON list).
    pub fn predecessors(&self, touchpoint: &str) -> JsResult<String> {
        out(&self.map.predecessors(touchpoint).map_err(throw)?)
    }

    /// Entry touchpoints (JSON list).
    pub fn entries(&self) -> JsResult<String> {
        out(&self.map.entries())
    }

    /// Conversion touchpoints (JSON list).
    pub fn conversions(&self) -> JsResult<String> {
        out(&self.map.conversions())
    }

    /// The sub-journey of one persona, itself a valid map.
    pub fn persona_journey(&self, persona: &str) -> JsResult<RawJourneyMap> {
        self.map
            .persona_journey(persona)
            .map(Self::new)
            .map_err(throw)
    }

    /// A short human-readable overview.
    pub fn summary(&self) -> String {
        self.map.summary().to_string()
    }

    /// Every invariant violation (JSON list; always empty for a built map).
    pub fn validate(&self) -> JsResult<String> {
        out(&self.map.validate())
    }

    /// Inserts a stage (JSON) at `position` (past the end appends).
    pub fn insert_stage(&mut self, position: u32, stage: &str) -> JsResult<()> {
        let stage: Stage = parse(stage)?;
        let position = usize::try_from(position).unwrap_or(usize::MAX);
        self.map.insert_stage(position, stage).map_err(throw)
    }

    /// Puts the stages in a new order, given as a JSON list of ids.
    pub fn reorder_stages(&mut self, ids: &str) -> JsResult<()> {
        let ids: Vec<String> = parse(ids)?;
        self.map.reorder_stages(&ids).map_err(throw)
    }

    /// Removes a stage (with its touchpoints when `cascade`); returns it (JSON).
    pub fn remove_stage(&mut self, id: &str, cascade: bool) -> JsResult<String> {
        out(&self.map.remove_stage(id, cascade).map_err(throw)?)
    }

    /// Adds a transition (JSON).
    pub fn add_transition(&mut self, transition: &str) -> JsResult<()> {
        let transition: Transition = parse(transition)?;
        self.map.add_transition(transition).map_err(throw)
    }

    /// Replaces the transition with the same ends (JSON).
    pub fn update_transition(&mut self, transition: &str) -> JsResult<()> {
        let transition: Transition = parse(transition)?;
        self.map.update_transition(transition).map_err(throw)
    }

    /// Removes the transition from `from` to `to`; returns it (JSON).
    pub fn remove_transition(&mut self, from: &str, to: &str) -> JsResult<String> {
        out(&self.map.remove_transition(from, to).map_err(throw)?)
    }

    /// Renames the map.
    pub fn set_name(&mut self, name: &str) -> JsResult<()> {
        self.map.set_name(name).map_err(throw)
    }

    /// Replaces the metadata (JSON).
    pub fn set_metadata(&mut self, metadata: &str) -> JsResult<()> {
        let metadata: Metadata = parse(metadata)?;
        self.map.set_metadata(metadata).map_err(throw)
    }
}

/// `add_*`, `update_*` and `remove_*` for one kind of entity given as JSON.
macro_rules! entity_mutations {
    ($ty:ty, $what:literal, $add:ident, $update:ident, $remove:ident) => {
        #[wasm_bindgen]
        impl RawJourneyMap {
            #[doc = concat!("Adds ", $what, " (JSON).")]
            pub fn $add(&mut self, item: &str) -> JsResult<()> {
                let item: $ty = parse(item)?;
                self.map.$add(item).map_err(throw)
            }

            #[doc = concat!("Replaces ", $what, " with the same id (JSON).")]
            pub fn $update(&mut self, item: &str) -> JsResult<()> {
                let item: $ty = parse(item)?;
                self.map.$update(item).map_err(throw)
            }

            #[doc = concat!("Removes ", $what, " by id; returns it (JSON).")]
            pub fn $remove(&mut self, id: &str) -> JsResult<String> {
                out(&self.map.$remove(id).map_err(throw)?)
            }
        }
    };
}

entity_mutations!(
    Persona,
    "a persona",
    add_persona,
    update_persona,
    remove_persona
);
entity_mutations!(
    Channel,
    "a channel",
    add_channel,
    update_channel,
    remove_channel
);
entity_mutations!(Team, "a team", add_team, update_team, remove_team);
entity_mutations!(
    Touchpoint,
    "a touchpoint",
    add_touchpoint,
    update_touchpoint,
    remove_touchpoint
);
entity_mutations!(
    Objective,
    "an objective",
    add_objective,
    update_objective,
    remove_objective
);

/// Stages have no generic remove (it takes `cascade`), so only add/update.
#[wasm_bindgen]
impl RawJourneyMap {
    /// Adds a stage (JSON) as the last stage.
    pub fn add_stage(&mut self, stage: &str) -> JsResult<()> {
        let stage: Stage = parse(stage)?;
        self.map.add_stage(stage).map_err(throw)
    }

    /// Replaces the stage with the same id (JSON).
    pub fn update_stage(&mut self, stage: &str) -> JsResult<()> {
        let stage: Stage = parse(stage)?;
        self.map.update_stage(stage).map_err(throw)
    }
}
