use super::*;

#[test]
fn derives_unicode_ids_from_names() {
    assert_eq!(derive("Awareness").as_deref(), Some("awareness"));
    assert_eq!(derive("  Sign-up & first order! ").as_deref(), Some("sign-up-first-order"));
    assert_eq!(derive("Buy & pay").as_deref(), Some("buy-pay"));
    assert_eq!(derive("Café crème").as_deref(), Some("café-crème"));
    assert_eq!(derive("การทดลองใช้").as_deref(), Some("การทดลองใช้"));
    assert_eq!(derive("Оплата заказа").as_deref(), Some("оплата-заказа"));
    assert_eq!(derive("注文 と 支払い").as_deref(), Some("注文-と-支払い"));
    assert_eq!(derive("✈️ Flight"), Some("flight".into()));
    assert_eq!(derive("✈️"), None);
    assert_eq!(derive("---"), None);
    assert_eq!(derive(&"a ".repeat(100)).unwrap().len(), 63);
}

#[test]
fn ascii_mode_keeps_the_old_ids() {
    assert_eq!(derive_with("Café crème", Slugify::Ascii).as_deref(), Some("caf-cr-me"));
    assert_eq!(derive_with("การรับรู้", Slugify::Ascii), None);
    assert_eq!(derive_with("Buy & pay", Slugify::Ascii).as_deref(), Some("buy-pay"));
}

#[test]
fn decomposed_input_gives_the_composed_id() {
    assert_eq!(derive("Cafe\u{301}").as_deref(), Some("café"));
    assert!(is_valid("café"));
    assert!(!is_valid("cafe\u{301}"), "not NFC");
}

#[test]
fn cuts_long_thai_names_at_a_grapheme_boundary() {
    let id = derive(&"ที่".repeat(40)).unwrap();
    assert!(id.chars().count() <= MAX_LEN && id.len() <= MAX_BYTES);
    assert!(id.ends_with("ที่"), "{id}");
    let id = derive(&"😀a".repeat(80)).unwrap();
    assert!(is_valid(&id), "{id}");
}

#[test]
fn derived_ids_are_valid() {
    for name in ["A", "x--y", "Über 2024", "1st stage", "การสมัคร", &"long name ".repeat(20), "ǅemal"]
    {
        assert!(is_valid(&derive(name).unwrap()), "{name}");
    }
}

#[test]
fn rejects_paths_and_capitals() {
    for bad in ["../../x", "A", "", "-a", "a/b", "a b", &"a".repeat(65), "\u{e34}x", "Ää"] {
        assert!(!is_valid(bad), "{bad}");
    }
    assert!(is_valid("stage-1"));
    assert!(is_valid("การรับรู้"));
    assert_eq!(explain("../../x"), "it contains `.`, `/`; use only lowercase letters, digits and -");
    assert_eq!(explain("Upper Case"), "it contains `U`, a space, `C`; use only lowercase letters, digits and -");
    assert_eq!(explain(&"ก".repeat(67)), "it is 67 characters long; the limit is 64");
    assert_eq!(explain(&"😀".repeat(60)), "it is 240 bytes long in UTF-8; the limit is 200");
}

#[test]
fn ascii_reads_as_its_unicode_categories_say() {
    // An ASCII name skips normalising and the category table: the shortcut must agree with both.
    for b in 0u8..128 {
        let c = char::from(b);
        let gc = category(c);
        let base = GeneralCategoryGroup::Letter.contains(gc) || gc == GeneralCategory::DecimalNumber;
        assert_eq!(is_base(c), base, "{c:?}");
        assert_eq!(is_mark(c), GeneralCategoryGroup::Mark.contains(gc), "{c:?}");
        assert_eq!(nfc(&c.to_string()), c.to_string());
    }
    assert_eq!(derive("  Pay -- at THE Till_2 "), Some("pay-at-the-till-2".to_string()));
}
