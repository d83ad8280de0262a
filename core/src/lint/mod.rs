//! Lint a journey map against journey-mapping practice.
