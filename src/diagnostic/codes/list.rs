//! The registered codes, in order. Meanings are written as the README shows them.

use super::Code;

/// Every diagnostic code, sorted.
pub static CODES: &[Code] = &[
    Code::error("E001", "a file or folder cannot be read"),
    Code::error("E002", "a file is not valid UTF-8"),
    Code::error("E003", "a file is larger than `max_file_size` (16 MiB unless configured)").explained(
        r#"journeybook refuses to read a file over the limit so that a stray export cannot
exhaust memory. Split the file, or raise the limit in `journeybook.yaml`:

    max_file_size: 64   # MiB
"#,
    ),
    Code::error("E010", "YAML syntax error, such as a tab in the indentation").explained(
        r#"The YAML could not be parsed at the place shown. The most common cause is a tab in the
indentation: YAML indents with spaces only.

    stages:
      - name: Awareness   # indented with two spaces, never a tab
"#,
    ),
    Code::error("E011", "a key appears twice in one mapping").explained(
        r#"A mapping names the same key twice, so one value would silently win. Keep one:

    title: Snack box
    title: Snack box subscription   # remove one of the two
"#,
    ),
    Code::error("E012", "values nest deeper than 64 levels"),
    Code::error("E013", "a document holds more than 200,000 values once aliases are expanded"),
    Code::error("E020", "unknown key, or text after a comma inside `{…}` that reads as one").explained(
        r#"The key is not one the file kind knows; the help names the nearest known key. Free
values of your own go under `extra:`. Inside `{…}` a comma ends the value, so the rest
of an unquoted sentence reads as a key; quote the text:

    - {text: Send it from the kitchen, not the timer}     # error
    - {text: "Send it from the kitchen, not the timer"}   # fine
"#,
    ),
    Code::error("E021", "a required field is missing or empty").explained(
        r#"A field the contract requires is missing or empty: a journey's `title` and `stages`, a
stage's or touchpoint's `name`, a persona's `name`, a note's `title` and `date`.

    title: Office snack box subscription
    stages:
      - name: Awareness
"#,
    ),
    Code::error("E022", "a value has the wrong type (a number written with thousands separators, too)").explained(
        r#"The value has the wrong type, such as text where a number belongs. Numbers are written
without thousands separators and with a decimal point:

    entered: 16,000   # error
    entered: 16000    # fine
    emotion: 4.5      # not 4,5
"#,
    ),
    Code::error("E023", "a value is out of range or not one of the allowed words").explained(
        r#"The value is out of range or not one of the allowed words: `emotion` runs from 1 to 5,
`severity`, `impact` and `effort` are `low`, `medium` or `high`, `state` is `current`
or `future`.

    emotion: 7   # error: write a value from 1 to 5
"#,
    ),
    Code::error("E024", "a date is not a real `YYYY-MM-DD` date").explained(
        r#"Dates are written `YYYY-MM-DD` and must exist in the calendar:

    date: 2026-02-30   # error
    date: 2026-02-28   # fine
"#,
    ),
    Code::error("E030", "an explicit id breaks the id rules").explained(
        r#"An explicit id is 1–64 letters, digits and `-`, starting with a letter or digit, and may
not leave its folder (`/`, `\`, `.`, `..`):

    id: snack/box   # error
    id: snack-box   # fine
"#,
    ),
    Code::error("E031", "two journeys, personas, stages of a journey, or touchpoints of a stage share an id or name").explained(
        r#"Ids must be unique among journeys, among personas, among the stages of one journey and
among the touchpoints of one stage. Give one of the two another `id` or `name`.
"#,
    ),
    Code::error("E032", "an id or tag cannot be derived (no letters or digits in any script)").explained(
        r#"The name has no letter or digit to derive an id from (an emoji only, say). Give an
explicit one:

    name: ✈️
    id: travel
"#,
    ),
    Code::error("E033", "a reference (evidence, fixes, targets, supports, parent, parent_stage) names nothing"),
    Code::error("E034", "journeys' `parent`s form a cycle"),
    Code::error("E035", "an unknown lane id, a custom lane declared twice or with a built-in lane's id, or a `custom:` key no custom lane declares"),
    Code::error("E036", "a note or a CSV row names a stage by a name that two of its journey's stages share").explained(
        r#"A stage was named by a name two of its journey's stages share, so it is ambiguous.
Refer to it by its id instead; the message lists both ids.

    stage: Checkout      # two stages are called Checkout
    stage: web-checkout  # fine
"#,
    ),
    Code::error("E040", "a journey names a persona that does not exist").explained(
        r#"A journey's `persona` must be the id of a file in `content/personas/`. The help names
the nearest persona when there is one:

    persona: office-manger    # error
    persona: office-manager   # content/personas/office-manager.yaml
"#,
    ),
    Code::error("E041", "a journey that does not exist is named (`compare_to`, a note's `journey`)").explained(
        r#"`compare_to` and a note's `journey` name a journey by its id: the file name under
`content/journeys/` without `.yaml`, or its explicit `id`.

    journey: snack-box
"#,
    ),
    Code::error("E042", "a note or a CSV row names a stage its journey does not have").explained(
        r#"A note's `stage` (or a CSV row's) names a stage by its id or its exact name; the help
names the nearest stage of that journey:

    stage: onbording    # error
    stage: onboarding   # fine
"#,
    ),
    Code::error("E043", "a note names a touchpoint its stage does not have"),
    Code::error("E044", "a stage named without its journey (a note's `stage`, a `parent_stage` without `parent`), or a touchpoint without a stage"),
    Code::error("E045", "more than one persona is `primary: true`").explained(
        r#"At most one persona is the primary customer. Remove `primary: true` from all but one.
"#,
    ),
    Code::error("E046", "a journey gives both `persona` and `personas`"),
    Code::error("E050", "a note's front matter is missing or never closes").explained(
        r#"A note starts with front matter between two `---` lines:

    ---
    title: Interview with Maya
    date: 2026-08-14
    ---
    The body in Markdown.
"#,
    ),
    Code::error("E051", "a Markdown link to a note, journey or persona resolves to nothing").explained(
        r#"A relative link in Markdown points at a note, journey or persona file that does not
exist. Fix the path, relative to the file the link is in:

    [first delivery](../2026/first-delivery.md)
"#,
    ),
    Code::error("E052", "Markdown nests too deep to render: blockquotes or raw HTML elements beyond 100 levels, or a line indented beyond 400 columns"),
    Code::error("E060", "the configured theme is not in `themes/`"),
    Code::error("E061", "unknown metric id, or `ltv_cac_ratio` written by hand").explained(
        r#"A metric id outside the built-in catalogue must be defined in `journeybook.yaml`; the
help names the nearest known id. `ltv_cac_ratio` is derived, never written by hand.

    metrics:
      nsp: 40   # error: did you mean `nps`?
      nps: 40
"#,
    ),
    Code::error("E062", "a metric's inputs are incomplete, unknown, or the metric has no formula").explained(
        r#"A metric given by `inputs` needs every input its formula uses, and no others:

    conversion_rate: {inputs: {visitors: 120000, conversions: 3720}}
"#,
    ),
    Code::error("E063", "a metric's formula divides by zero"),
    Code::error("E064", "a metric input is negative"),
    Code::error("E065", "a metric value is outside its unit's range (a percentage above 1, an NPS above 100 …)").explained(
        r#"Percent metrics are fractions from 0 to 1; an NPS runs from −100 to 100.

    conversion_rate: 3.1     # error
    conversion_rate: 0.031   # fine
    conversion_rate: "3.1%"  # fine
"#,
    ),
    Code::error("E066", "a metric has no `value`, `inputs` or `series`").explained(
        r#"A metric needs a current value: give `value`, `inputs` or `series`.

    nps: {target: 40}             # error
    nps: {value: 32, target: 40}  # fine
"#,
    ),
    Code::error("E067", "a series period is malformed, repeated, or of a different length than the others"),
    Code::error("E068", "a CSV file has the wrong header or a malformed row").explained(
        r#"Observation files in `content/data/` start with the header
`journey,stage,metric,period,value` and have five fields on every row; `stage` is empty
for a journey-level metric.

    journey,stage,metric,period,value
    snack-box,,nps,2026-09,41
"#,
    ),
    Code::error("E069", "a survey or event-log row is malformed: a score outside the scale, a time that does not parse, an unknown journey, stage, touchpoint or persona"),
    Code::error("E070", "a template cannot be parsed or rendered"),
    Code::error("E080", "two pages would be written to one path, or an output path leaves the output folder or holds a line break or other control character (a file name in `static/`)").explained(
        r#"Two things would be written to the same output path (a note and a page, say), or a
file name under `static/` holds a line break or other control character. Rename one.
"#,
    ),
    Code::error("E090", "with `check --fail-on`: a metric is at risk or off track").explained(
        r#"`check --fail-on at-risk` (or `off-track`) fails on every metric whose status is that
bad or worse. Improve the metric, or move its `target`.
"#,
    ),
    Code::error("E100", "a Mermaid file is not a `journey` diagram (Mermaid knows it only by `journey` in lower case), leaves its front matter open, or has no section and no task"),
    Code::error("E101", "a Mermaid line is not a statement Mermaid accepts, such as a task without `: score`").explained(
        r#"A Mermaid `journey` task is written `Task name: score: actor, actor`:

    Find the box: 3: Maya
"#,
    ),
    Code::error("E102", "no longer reported: Mermaid scores outside 1–5 are clamped with W050").retired(),
    Code::error("E110", "a metric, or a stage's `entered`, given both by survey responses or an event log and by hand (`value`, `inputs`, `series` or CSV)"),
    Code::error("E111", "an event name listed by two stages of a journey"),
    Code::warning("W001", "a link (symlink) leading outside the project, or to a folder, was skipped"),
    Code::warning("W010", "a metric's `value` disagrees with its `inputs` by more than 0.5 %").explained(
        r#"Both `value` and `inputs` are given and they disagree by more than 0.5 %. Keep one, or
correct the other:

    conversion_rate: {value: 0.04, inputs: {visitors: 1000, conversions: 31}}
"#,
    ),
    Code::warning("W020", "review: a journey's `updated` date is more than `stale_after` days old"),
    Code::warning("W021", "review: a high-severity pain point has no evidence"),
    Code::warning("W022", "review: a `planned` or `in_progress` opportunity has no `owner`"),
    Code::warning("W030", "fewer than 30 survey responses behind the latest value of a journey or stage metric"),
    Code::warning("W040", "interface strings missing for a language in use: they are shown in English (see Languages)").explained(
        r#"A page's language has a strings file that lacks some keys, so those words are shown in
English. Add the keys the warning lists to the project's file:

    # i18n/fr.yaml
    nav.journeys: Parcours
"#,
    ),
    Code::warning("W050", "`import mermaid`: a score outside 1–5 was clamped, or one that is not a number left out").explained(
        r#"Mermaid's journey scores run from 1 to 5. A score outside was clamped to the nearest
end, and one that is not a number was left out; check the imported journey's `emotion`.
"#,
    ),
    Code::warning("W051", "`import mermaid`: `accDescr {` is never closed, so (as in Mermaid) the rest of the diagram is its description"),
];
