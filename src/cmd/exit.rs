//! The process exit statuses every command shares (SPEC §9), in one place so that the
//! commands, the scaffolding and the dev server cannot drift apart.

/// Exit status: success, warnings allowed.
pub const OK: u8 = 0;
/// Exit status: the content has errors.
pub const CONTENT_ERROR: u8 = 1;
/// Exit status: usage or I/O error.
pub const USAGE_ERROR: u8 = 2;
