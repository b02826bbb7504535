//! 职称: the title as people write it (高级工程师, 政工师, 技术员 …) and the level it stands for
//! (正高级 / 副高级 / 中级 / 初级), which the structure figures count. The name is what is stored;
//! the level is derived when read, so a title is never reduced to its level.

use crate::codes::{TitleLevel, fold_input};
use crate::error::{Error, Result};

/// A series of titles (工程, 政工 …) with its titles from the highest level down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Series {
    pub name: &'static str,
    pub titles: &'static [&'static str],
}

/// The common series in a power-grid company, for the form's suggestions.
pub const SERIES: &[Series] = &[
    Series {
        name: "工程技术",
        titles: &[
            "正高级工程师",
            "高级工程师",
            "工程师",
            "助理工程师",
            "技术员",
        ],
    },
    Series {
        name: "思想政治工作",
        titles: &[
            "正高级政工师",
            "高级政工师",
            "政工师",
            "助理政工师",
            "政工员",
        ],
    },
    Series {
        name: "经济",
        titles: &[
            "正高级经济师",
            "高级经济师",
            "经济师",
            "助理经济师",
            "经济员",
        ],
    },
    Series {
        name: "会计",
        titles: &[
            "正高级会计师",
            "高级会计师",
            "会计师",
            "助理会计师",
            "会计员",
        ],
    },
    Series {
        name: "审计",
        titles: &["正高级审计师", "高级审计师", "审计师", "助理审计师"],
    },
    Series {
        name: "统计",
        titles: &[
            "正高级统计师",
            "高级统计师",
            "统计师",
            "助理统计师",
            "统计员",
        ],
    },
];

/// Titles whose level the naming pattern below would get wrong or cannot see.
const SPECIAL: &[(&str, TitleLevel)] = &[
    ("教授级高级工程师", TitleLevel::Senior),
    ("教授级高工", TitleLevel::Senior),
    ("教授", TitleLevel::Senior),
    ("研究员", TitleLevel::Senior),
    ("高工", TitleLevel::AssociateSenior),
    ("副教授", TitleLevel::AssociateSenior),
    ("副研究员", TitleLevel::AssociateSenior),
    ("主任医师", TitleLevel::Senior),
    ("副主任医师", TitleLevel::AssociateSenior),
    ("主治医师", TitleLevel::Intermediate),
    ("助理研究员", TitleLevel::Intermediate),
    ("助教", TitleLevel::Junior),
    ("无", TitleLevel::None),
    ("无职称", TitleLevel::None),
];

/// The level a title stands for: the level names themselves, the titles above, then the
/// pattern every series follows (正高级…/教授级… 正高, 高级… 副高, 助理… and …员 初级, …师 中级).
/// None when the name follows no known pattern.
pub fn level_of(title: &str) -> Option<TitleLevel> {
    let t = fold_input(title);
    if let Ok(level) = TitleLevel::parse(&t) {
        return Some(level);
    }
    if let Some((_, level)) = SPECIAL.iter().find(|(name, _)| *name == t) {
        return Some(*level);
    }
    let level = if t.starts_with("正高级") || t.starts_with("教授级") {
        TitleLevel::Senior
    } else if t.starts_with("副高级") || (t.starts_with("高级") && t.ends_with('师')) {
        TitleLevel::AssociateSenior
    } else if (t.starts_with("助理") && t.ends_with('师')) || (t.ends_with('员') && t.len() > 3)
    {
        TitleLevel::Junior
    } else if t.ends_with('师') && t.chars().count() >= 2 {
        TitleLevel::Intermediate
    } else {
        return None;
    };
    Some(level)
}

/// A title as entered: trimmed; empty is None; refused when no level can be told from it, so
/// the structure figures never silently miss someone.
pub fn check(title: Option<&str>) -> Result<Option<String>> {
    let Some(t) = title.map(fold_input).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().count() > 20 {
        return Err(Error::invalid("职称", "不能超过 20 个字"));
    }
    if level_of(&t).is_none() {
        return Err(Error::invalid(
            "职称",
            format!(
                "“{t}”看不出级别，请写职称全称（如 高级工程师、政工师、助理经济师、技术员），或写级别（正高级、副高级、中级、初级、无）"
            ),
        ));
    }
    Ok(Some(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_keep_their_name_and_tell_their_level() {
        use TitleLevel::*;
        for (title, level) in [
            ("正高级工程师", Senior),
            ("教授级高级工程师", Senior),
            ("高级工程师", AssociateSenior),
            ("高级政工师", AssociateSenior),
            ("高级 会计师", AssociateSenior),
            ("政工师", Intermediate),
            ("经济师", Intermediate),
            ("工程师", Intermediate),
            ("助理工程师", Junior),
            ("技术员", Junior),
            ("会计员", Junior),
            ("副高级", AssociateSenior),
            ("中级", Intermediate),
            ("无", None),
        ] {
            assert_eq!(level_of(title), Some(level), "{title}");
        }
        for series in SERIES {
            for t in series.titles {
                assert!(level_of(t).is_some(), "{t}");
            }
        }
        assert_eq!(level_of("班长"), Option::None);
        assert_eq!(level_of("员"), Option::None);
        assert_eq!(level_of("师"), Option::None);
    }

    #[test]
    fn a_title_without_a_level_is_refused_by_name() {
        assert_eq!(
            check(Some(" 高级工程师 ")).unwrap().as_deref(),
            Some("高级工程师")
        );
        assert_eq!(check(Some("")).unwrap(), Option::None);
        let err = check(Some("班长")).unwrap_err().to_string();
        assert!(err.starts_with("职称：“班长”看不出级别"), "{err}");
    }
}
