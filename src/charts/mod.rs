//! Charts as accessible SVG (plotters drawing on an SVG canvas of ours, so no fonts are
//! needed), one file per kind.
//! Each chart has `role="img"`, a `<title>` and a `<desc>`; pages show the same data as a table.

pub(crate) mod axis;
pub(crate) mod canvas;
pub mod channels;
pub mod emotion;
pub mod funnel;
pub(crate) mod map_lane;
pub(crate) mod opportunities;
pub(crate) mod paint;
pub(crate) mod persona;
pub(crate) mod retention;
pub(crate) mod svg;
pub mod trend;
pub mod wheel;
