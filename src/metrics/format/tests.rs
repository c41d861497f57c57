use super::*;

#[test]
fn percentages() {
    assert_eq!(value(Unit::Percent, 0.031, "USD"), "3.1%");
    assert_eq!(value(Unit::Percent, 0.5, "USD"), "50%");
    assert_eq!(value(Unit::Percent, 412.0 / 498.0, "USD"), "82.7%");
}

#[test]
fn currency() {
    assert_eq!(value(Unit::Currency, 240.0, "EUR"), "€240");
    assert_eq!(value(Unit::Currency, 13.126760, "USD"), "$13.13");
    assert_eq!(value(Unit::Currency, 2660.0000001, "EUR"), "€2,660");
    assert_eq!(value(Unit::Currency, 1500.0, "CHF"), "CHF 1,500");
}

#[test]
fn durations() {
    assert_eq!(duration(78.0), "1m 18s");
    assert_eq!(duration(42.4), "42s");
    assert_eq!(duration(120.0), "2m");
    assert_eq!(duration(3725.0), "1h 2m");
    assert_eq!(duration(7200.0), "2h");
}

#[test]
fn counts_scores_and_ratios() {
    assert_eq!(value(Unit::Count, 1234567.0, "USD"), "1,234,567");
    assert_eq!(value(Unit::Score, 27000.0 / 850.0, "USD"), "31.8");
    assert_eq!(value(Unit::Score, -12.0, "USD"), "−12");
    assert_eq!(value(Unit::Ratio, 11.083, "USD"), "11.08");
}

#[test]
fn deltas_are_signed() {
    assert_eq!(delta(Unit::Percent, -0.01, "USD"), "−1 pts");
    assert_eq!(delta(Unit::Percent, 0.023, "USD"), "+2.3 pts");
    assert_eq!(delta(Unit::Currency, 12.5, "EUR"), "+€12.50");
    assert_eq!(delta(Unit::Score, 0.0, "USD"), "no change");
    assert_eq!(delta(Unit::Seconds, -5.0, "USD"), "−5s");
}

#[test]
fn a_change_that_rounds_to_zero_is_no_change() {
    // Percent deltas show one decimal of a point: 0.04 pts is no change, 0.05 is not.
    assert_eq!(delta(Unit::Percent, 0.0004, "USD"), "no change");
    assert_eq!(delta(Unit::Percent, -0.0004, "USD"), "no change");
    assert_eq!(delta(Unit::Percent, 0.0006, "USD"), "+0.1 pts");
    assert_eq!(delta(Unit::Currency, 0.004, "EUR"), "no change");
    assert_eq!(delta(Unit::Currency, 0.01, "EUR"), "+€0.01");
    assert_eq!(delta(Unit::Seconds, 0.4, "USD"), "no change");
    assert_eq!(delta(Unit::Score, -0.04, "USD"), "no change");
    assert_eq!(delta(Unit::Ratio, 0.004, "USD"), "no change");
    assert_eq!(delta(Unit::Ratio, 0.006, "USD"), "+0.01");
    assert!(rounds_to_zero(Unit::Percent, 0.0004));
    assert!(!rounds_to_zero(Unit::Count, 1.0));
    assert!(rounds_to_zero(Unit::Count, f64::NAN));
}

#[test]
fn ticks_carry_the_unit_and_the_decimals_of_their_step() {
    assert_eq!(tick(Unit::Percent, 0.35, 0.05, "USD"), "35%");
    assert_eq!(tick(Unit::Percent, 0.035, 0.005, "USD"), "3.5%");
    assert_eq!(tick(Unit::Percent, 0.03, 0.005, "USD"), "3.0%");
    assert_eq!(tick(Unit::Currency, 154.5, 0.5, "USD"), "$154.50");
    assert_eq!(tick(Unit::Currency, 155.0, 5.0, "USD"), "$155");
    assert_eq!(tick(Unit::Currency, 1500.0, 500.0, "THB"), "฿1,500");
    assert_eq!(tick(Unit::Currency, -20.0, 10.0, "CHF"), "−CHF 20");
    assert_eq!(tick(Unit::Seconds, 90.0, 30.0, "USD"), "1m 30s");
    assert_eq!(tick(Unit::Score, -10.0, 5.0, "USD"), "−10");
    assert_eq!(tick(Unit::Score, 2.5, 0.5, "USD"), "2.5");
    assert_eq!(tick(Unit::Score, 3.0, 0.5, "USD"), "3.0");
    // A tick at zero computed as 1e-17 must not read "−0".
    assert_eq!(tick(Unit::Score, -1e-17, 10.0, "USD"), "0");
}

#[test]
fn changes_and_durations_come_as_pieces_for_any_language_to_word() {
    assert_eq!(change(Unit::Percent, 0.0004, "USD"), Change::NoChange);
    let Change::By(shown) = change(Unit::Seconds, -185.0, "USD") else { panic!("a change") };
    assert_eq!(shown.sign, Sign::Minus);
    let parts = vec![(TimeUnit::Minute, 3), (TimeUnit::Second, 5)];
    assert_eq!(shown.amount, Amount::Duration { parts, style: Style::Brief });
    let parts = vec![(TimeUnit::Day, 2), (TimeUnit::Hour, 4)];
    assert_eq!(elapsed(86_400 * 2 + 3_600 * 4).amount, Amount::Duration { parts, style: Style::Spaced });
    let money = amount(Unit::Currency, -12.5, "CHF");
    assert_eq!(money.amount, Amount::Money { code: "CHF".into(), figure: Figure { magnitude: 12.5, decimals: 2 } });
    assert_eq!(money.to_string(), "−CHF 12.50");
    assert_eq!(margin(Unit::Percent, 0.041, ""), Some(Amount::Points(Figure { magnitude: 4.1, decimals: 1 })));
    assert_eq!(margin(Unit::Score, 0.01, ""), None);
}
