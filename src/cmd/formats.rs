//! How `--format` values are spelled on the command line. The formats themselves belong to
//! the steps that print them ([`Format`] to diagnostics, [`DiffFormat`] to `diff`); only the
//! command line knows about clap, so the parsing lives here.

use clap::builder::PossibleValue;
use clap::ValueEnum;

use crate::diagnostic::Format;
use crate::diff::DiffFormat;

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Human, Format::Json, Format::Github]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Format::Human => PossibleValue::new("human").help("Readable text with the offending line shown"),
            Format::Json => PossibleValue::new("json").help("One JSON object per line"),
            Format::Github => PossibleValue::new("github").help("GitHub Actions workflow annotations"),
        })
    }
}

impl ValueEnum for DiffFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[DiffFormat::Human, DiffFormat::Markdown, DiffFormat::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            DiffFormat::Human => PossibleValue::new("human").help("Readable text"),
            DiffFormat::Markdown => PossibleValue::new("markdown")
                .help("A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`"),
            DiffFormat::Json => PossibleValue::new("json").help("One JSON object, in the shape the README documents"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_a_spelling_that_parses_back() {
        for f in Format::value_variants() {
            let name = f.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(Format::from_str(&name, false).unwrap(), *f);
        }
        for f in DiffFormat::value_variants() {
            let name = f.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(DiffFormat::from_str(&name, false).unwrap(), *f);
        }
    }
}
