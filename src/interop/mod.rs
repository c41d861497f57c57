//! Other formats journeys move in and out of.

pub mod mermaid;
