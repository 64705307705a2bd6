//! Numbers as reports write them: digits ("1,609"), words ("twenty-two"),
//! and the articles that count one ("a serviceman").

const UNITS: &[(&str, u32)] = &[
    ("zero", 0), ("no", 0), ("a", 1), ("an", 1), ("one", 1), ("single", 1), ("two", 2), ("three", 3), ("four", 4),
    ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12),
    ("thirteen", 13), ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70),
    ("eighty", 80), ("ninety", 90), ("hundred", 100), ("dozen", 12),
    // Russian, nominative and common oblique forms.
    ("один", 1), ("одна", 1), ("один", 1), ("два", 2), ("две", 2), ("двое", 2), ("три", 3), ("трое", 3),
    ("четыре", 4), ("четверо", 4), ("пять", 5), ("пятеро", 5), ("шесть", 6), ("семь", 7), ("восемь", 8),
    ("девять", 9), ("десять", 10), ("двух", 2), ("трех", 3), ("трёх", 3), ("четырех", 4), ("четырёх", 4),
    ("шестеро", 6), ("семеро", 7), ("пяти", 5), ("шести", 6), ("семи", 7), ("восьми", 8), ("девяти", 9), ("десяти", 10),
    ("одиннадцать", 11), ("двенадцать", 12), ("тринадцать", 13), ("четырнадцать", 14), ("пятнадцать", 15),
    ("шестнадцать", 16), ("семнадцать", 17), ("восемнадцать", 18), ("девятнадцать", 19), ("двадцать", 20),
    ("тридцать", 30), ("сорок", 40), ("пятьдесят", 50), ("шестьдесят", 60), ("семьдесят", 70), ("восемьдесят", 80),
    ("девяносто", 90), ("сто", 100), ("двести", 200), ("триста", 300), ("четыреста", 400), ("пятьсот", 500),
    ("двадцати", 20), ("тридцати", 30), ("сорока", 40), ("ста", 100), ("двухсот", 200), ("трёхсот", 300), ("трехсот", 300),
];

/// The regex fragment that matches one number as written (digits or words).
pub const NUMBER_PATTERN: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|single|dozen|(?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто|сто|двести|триста|четыреста|пятьсот)(?: (?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто))?(?: (?:один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять))?|одиннадцать|двенадцать|тринадцать|четырнадцать|пятнадцать|шестнадцать|семнадцать|восемнадцать|девятнадцать|один|одна|два|две|двое|три|трое|четыре|четверо|пять|пятеро|шесть|шестеро|семь|семеро|восемь|девять|десять)";

/// Parses one number as written; `None` when it is not one.
pub fn parse(s: &str) -> Option<u32> {
    let t = s.trim().to_lowercase();
    if t.bytes().all(|b| b.is_ascii_digit() || b == b',') && t.bytes().any(|b| b.is_ascii_digit()) {
        return t.replace(',', "").parse().ok();
    }
    let mut total = 0;
    for part in t.split(['-', ' ']).filter(|p| !p.is_empty()) {
        let v = UNITS.iter().find(|(w, _)| *w == part)?.1;
        total += v;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn digits_words_and_articles() {
        assert_eq!(parse("1,609"), Some(1609));
        assert_eq!(parse("286"), Some(286));
        assert_eq!(parse("шестнадцать"), Some(16));
        assert_eq!(parse("двести восемьдесят семь"), Some(287));
        assert_eq!(parse("триста"), Some(300));
        assert_eq!(parse("twenty-two"), Some(22));
        assert_eq!(parse("Four"), Some(4));
        assert_eq!(parse("a"), Some(1));
        assert_eq!(parse("двое"), Some(2));
        assert_eq!(parse("several"), None);
    }
}
