//! Phrases that several codes put into their messages (a scenario, a
//! duration, a list of reasons), in both languages, in one table.
//!
//! A phrase is filled like a code's template: `{name}` is an argument, and
//! the arguments that are the user's text stay marked as the user's in the
//! [`Tr`] it gives. A code's own sentences live in its line of the code
//! table ([`super::codes`]); only what several codes share is here.

use super::{Lang, Tr, fill};

macro_rules! phrases {
    ($($(#[doc = $doc:literal])* $key:ident: ($zh:literal, $en:literal),)*) => {
        /// A phrase of the table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Phrase { $($(#[doc = $doc])* $key),* }

        impl Phrase {
            fn templates(self) -> (&'static str, &'static str) {
                match self { $(Phrase::$key => ($zh, $en)),* }
            }
        }
    };
}

phrases! {
    /// A near name the user may have meant, as a help line.
    DidYouMean: ("是不是想写“{suggestion}”？", "did you mean `{suggestion}`?"),
    /// A scenario that fixes no situation.
    AnySituation: ("任何情形", "any situation"),
    /// A yes/no situation that holds.
    SituationYes: ("{name}：是", "{name} = yes"),
    /// A yes/no situation that does not hold.
    SituationNo: ("{name}：否", "{name} = no"),
    /// `{when}` of a message: the scenario in which something happens.
    When: ("在“{situation}”时", " when {situation}"),
    /// `{when}` of a message, before a comma in Chinese.
    WhenComma: ("在“{situation}”时，", " when {situation}"),
    /// A visit because of a material: its paper original is checked.
    ReasonOriginal: ("“{name}”要核验纸质原件", "`{name}` must be shown as a paper original"),
    /// A visit because of a material: its paper original is kept.
    ReasonOriginalKept: ("“{name}”要递交纸质原件", "`{name}` is handed in as a paper original"),
    /// A visit because of a material that exists only on paper.
    ReasonPaperOnly: ("“{name}”只有纸质形式，要到窗口递交", "`{name}` exists only on paper and is handed in at a window"),
    /// A visit because of a result handed out only at a window.
    ReasonWindowOnly: ("“{name}”只能到窗口领取", "`{name}` can only be collected at a window"),
    /// A paper material sent by post.
    ReasonPosted: ("“{name}”只有纸质形式，可以邮寄递交", "`{name}` exists only on paper and can be sent by post"),
    ReasonBroughtInPerson: ("“{name}”只有纸质形式，由本人在到场的环节带去", "`{name}` exists only on paper and is brought along where the applicant goes in person"),
    /// A step that needs the applicant in person.
    ReasonPresence: ("环节“{name}”要申请人本人到{place}", "step `{name}` needs the applicant in person at the {place}"),
    ReasonJointPresence: ("会签“{name}”要申请人本人到{place}", "joint review `{name}` needs the applicant in person at the {place}"),
    /// A 容缺 paper material handed in after acceptance.
    ReasonHandedInLater: ("“{name}”是容缺材料，只有纸质形式，受理后要再到窗口补交", "`{name}` is deferrable, exists only on paper and is handed in at a window after acceptance"),
    /// A step's time limit.
    StepTakes: ("环节“{step}”的时限是 {duration}", "step `{step}` takes {duration}"),
    /// A step without a time limit.
    StepWithoutDuration: ("环节“{step}”没有写时限", "step `{step}` states no time limit"),
    /// Why a window-only result needs a visit of its own (E1001, E1002).
    NotOnTheSpot: (
        "这种情形下事项不是当场办结：{why}。只有适用的环节都是“时限：当场”（或者承诺时限是“当场”）时，只能到窗口领取的结果才在递交材料的那次到场中领走",
        "the item is not finished on the spot in this situation: {why}. A window-only result is collected during the visit that hands in paper only when every applying step states `duration: on-the-spot` (or the item promises on the spot)"
    ),
    /// An item named in a message.
    Item: ("事项“{name}”", "item `{name}`"),
    /// A thing (一件事) named in a message.
    Thing: ("一件事“{name}”", "thing `{name}`"),
    /// A name in a list of names.
    Quoted: ("“{name}”", "`{name}`"),
    /// One leg of a city-wide route (W1203, the report).
    Circulation: ("{from}→{to} 流转 {time}", "{from} → {to} circulation {time}"),
    /// A leg of circulation without a time limit.
    NoTimeGiven: ("（未写时限）", "(no time given)"),
    /// A city-wide route's result sent online.
    SentOnline: ("结果网上送达", "result sent online"),
    /// A city-wide route's result mailed from the handling level.
    MailedFrom: ("结果从{level}邮寄 {time}", "result mailed from {level} in {time}"),
    /// A city-wide route's result carried back to the accepting window.
    CarriedBack: ("结果流转回{level}窗口 {time}", "result carried back to the {level} window in {time}"),
    /// Working days and calendar days added up, each in prose.
    WorkingPlusCalendar: ("{working}加 {calendar}", "{working} + {calendar}"),
    /// A joint review (会签) on a thing's path.
    JointReview: ("会签“{name}”", "joint review `{name}`"),
    /// The steps of an item a joint review waits for (it does the next ones).
    ItemHead: ("“{name}”在会签之前的环节", "the steps of `{name}` before the joint review"),
    /// What calendar days of a limit mean in working days (W0404, E0701, E1102).
    CalendarAsWorking: (
        "{days} 个自然日（最后一天逢休息日顺延）可办 {shortest} 至 {longest} 个工作日（无节假日、无调休时 {plain_shortest} 至 {plain_longest} 个）",
        "{days} calendar days (the last day moved on past rest days) allow {shortest} to {longest} working days, by holidays and makeup days ({plain_shortest} to {plain_longest} without them)"
    ),
    /// An item's critical path that mixes working and calendar days.
    MixedUnits: (
        "关键路径混用工作日和自然日，其中的自然日按所含工作日计，共 {shortest} 至 {longest} 个工作日",
        "the critical path mixes working and calendar days; counting the working days in its calendar days, it takes {shortest} to {longest} working days"
    ),
    /// A thing's critical path with steps in calendar days.
    MixedUnitsOfThing: (
        "关键路径上有以自然日计的环节，按所含工作日计共 {shortest} 至 {longest} 个工作日",
        "steps in calendar days on the path count {shortest} to {longest} working days"
    ),
}

impl Phrase {
    /// Reasons (one [`Tr`] each) joined as a list: `；` / `; `.
    pub fn reasons(reasons: impl IntoIterator<Item = Tr>) -> Tr {
        Tr::join_with(reasons, "；", "; ")
    }

    /// Two explanations one after the other: `；` / `; `.
    pub fn then(first: Tr, second: Tr) -> Tr {
        Tr::join_with([first, second], "；", "; ")
    }

    /// Names along a path: `A → B → C`.
    pub fn path(names: impl IntoIterator<Item = Tr>) -> Tr {
        Tr::join_with(names, " → ", " → ")
    }

    /// The user's names, each quoted, joined with `、` / `, `.
    pub fn quoted_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Tr {
        Tr::join(
            names
                .into_iter()
                .map(|name| Phrase::Quoted.tr(&[("name", Tr::same(name))])),
        )
    }

    /// The user's names joined with `、` / `, `, unquoted.
    pub fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> Tr {
        Tr::join(names.into_iter().map(Tr::same))
    }

    /// The phrase filled with `args`, in both languages.
    pub fn tr(self, args: &[(&'static str, Tr)]) -> Tr {
        let (zh, en) = self.templates();
        Tr {
            zh: fill(zh, args, &[], Lang::Zh),
            en: fill(en, args, &[], Lang::En),
            user: args.iter().flat_map(|(_, value)| value.user.iter().cloned()).collect(),
        }
    }
}
