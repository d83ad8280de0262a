//! Structural diff between two versions of a map.
