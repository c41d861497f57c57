//! A value together with the place it was written.

use crate::diagnostic::{Pos, Span};

/// A value and the place it was written, kept where later rules need to point at it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Spanned<T> {
    pub value: T,
    #[serde(skip)]
    pub pos: Pos,
    /// Where the written value ends; equal to `pos` when only its start is known.
    #[serde(skip)]
    pub end: Pos,
}

impl<T> Spanned<T> {
    /// A value written at `pos`, when only its start is known.
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos, end: pos }
    }

    /// What a diagnostic about this value underlines.
    pub fn span(&self) -> Span {
        Span::new(self.pos, self.end)
    }
}
