//! The words attribution rests on: reporting verbs and participles, and the closed word
//! classes the source finder scans with (clause words, words between a source and its cue,
//! clause openers, pronouns, plural heads without an "s").

/// Finite reporting verbs: speech, writing, belief, findings. Participles ("saying") are in
/// [`PARTICIPLES`]; they continue an attribution rather than open one.
pub(super) const CUES: &str = r"said|says|say|told|tells|tell|added|adds|asked|asks|warned|warns|stated|announced|announces|declared|declares|claimed|claims|claim|insisted|insists|insist|noted|notes|explained|explains|wrote|writes|write|tweeted|tweets|confirmed|confirms|denied|denies|admitted|admits|acknowledged|acknowledges|argued|argues|argue|stressed|stresses|urged|urges|replied|replies|responded|reported|reports|disclosed|asserted|asserts|suggested|suggests|suggest|predicted|predicts|estimated|estimates|believes|believe|believed|think|thinks|contended|contends|alleged|alleges|recalled|recalls|indicated|indicates|testified|vowed|vows|promised|promises|threatened|hopes|hope|hoped|expect|fears|fear|feared|worried|revealed|reveals|showed|shows|show|found|finds|concluded|concludes|agreed|agrees|agree|complained|complains|conceded|concedes|emphasized|emphasised|observed|knows|know|knew|wants|predicted|cautioned|boasted|joked|quipped|conceded|countered|retorted|speculated|reiterated|assured|remarked|opined|blogged|posted|mused|acknowledged|pointed\s+out|points\s+out|pointed\s+to|made\s+clear|made\s+it\s+clear|calls|described|describes|declined|continued|endorsed|endorses|accused|accuses|criticized|criticised|criticizes|expressed|seeks|refused|refuses|offered|proposed|cited|cites|voted|defended|defends|praised|praises|questioned|attacked|rejected|rejects|blasted|dismissed|mentioned|blamed|blames|denounced|denounces|discussed|assured|ordered|complained|mocked|referred|echoed|repeated|railed|encouraged|compared|slammed|slams|thanked|highlighted|decried|reminded|charged|challenged|touted|lamented|answered|hoped|supported|supports|backed|opposed|opposes|condemned|welcomed|demanded|demands|pushed|questioned|decided|agreed|apologized|apologised|recommended|portrayed|signaled|signalled|voiced|pleaded|shouted|chanted|exclaimed|pressed|wondered|elaborated|recounted|scoffed|snapped|yelled|cautioned|reasoned|clarified|proclaimed|touted|hinted|implied|conceded|called|pledged|pledges|talked|thought|sees|insisted|released|issued|sought|wanted|identified|acknowledge|criticizes|supported|urged|backs|endorsed|announced|signaled|vowed|explain|learned|noted|contradicted|conceded|predicted|disputed|dismisses|attributed|characterized|characterizes|labeled|labelled|branded|dubbed|likened|insinuated|surmised|theorized|calculated|projected|forecast|projects|estimated|asserted|rebuked|chided|lambasted|ripped|scolded|hammered|jabbed|knocked|berated|derided|ridiculed|disparaged|assailed|excoriated|castigated|faulted|credited|commended|lauded|applauded|hailed|promoted|advocated|championed|acknowledged|confessed|conceded|divulged|reported|informed|notified|briefed|alerted|advertised|pitched|touted|heralded|proclaimed|intends|sees|feel|views|viewed|prefer|prefers|preferred|oppose|opposed|talks|discusses|discuss|mention|mentions|considers|considered|doubts|doubted|recognizes|recognized|insists|wonders|worry|regrets|regretted|vowed|demanded|pointed|argued|pressed|went\s+on\s+to\s+say|made\s+the\s+case|took\s+aim\s+at|weighed\s+in|spoke\s+out|lashed\s+out|called\s+for|calls\s+for|raised\s+concerns|written|favor|favors|deny|reject|criticize|threatens|threaten|cite|praise|urge|blame|vow|pushes|accepts";

/// Participles that carry an attribution on ("..., saying that ...", "..., adding ...").
pub(super) const PARTICIPLES: &str = r"saying|adding|noting|arguing|telling|explaining|warning|insisting|claiming|suggesting|asserting|stating|declaring|predicting|acknowledging|calling|writing|asking|citing|referring|describing|criticizing|promising|pointing|urging|recalling|questioning|pushing|hoping|attacking|blaming|accusing|praising|vowing|pledging|predicting|complaining|touting|lamenting|joking|boasting|blasting|slamming|demanding|repeating|defending|stressing|promoting|confirming|encouraging|emphasizing|highlighting|announcing|denying|admitting|reporting|signaling|believing|fearing|worrying|expecting|reminding|conceding|contending|maintaining|supporting|seeking|talking|backing|opposing|showing|mentioning|discussing|pressing|questioning|endorsing|rejecting|threatening|favoring|considering|planning|offering";

/// Words that never stand inside a source noun phrase: clause words, auxiliaries, prepositions.
pub(super) const STOP: &[&str] = &[
    "that", "which", "what", "when", "where", "while", "if", "because", "as", "than", "then", "to",
    "for", "and", "or", "but", "so", "nor", "is", "are", "was", "were", "be", "been", "being",
    "am", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should",
    "may", "might", "must", "not", "no", "there", "here", "in", "on", "at", "after", "before",
    "during", "since", "with", "by", "from", "about", "into", "over", "under", "through",
    "against", "between", "among", "until", "unless", "although", "though", "whether", "also",
    "just", "only", "even", "never", "it's", "that's", "he's", "she's", "they're", "we're", "i'm",
    "also", "too", "yet", "still", "why", "how", "once", "now", "this", "these", "those", "its",
    "if", "said", "says", "say", "told",
];

/// Words between a source and its cue: "has", "also", "repeatedly", "did not".
/// The days of the week, lowercase: time words several lists above and beside this one
/// skip ("said Wednesday", "Cruz on Thursday declared").
pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a word is a day of the week, in any (ASCII) case.
pub(super) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| word.eq_ignore_ascii_case(d))
}

pub(super) const BETWEEN: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    // When: "Trump last year proposed", "Cruz on Thursday declared".
    "on",
    "this",
    "year",
    "week",
    "month",
    "today",
    "yesterday",
    "tonight",
    "night",
    "morning",
    "afternoon",
    "evening",
    "has",
    "have",
    "had",
    "also",
    "since",
    "later",
    "previously",
    "again",
    "then",
    "now",
    "once",
    "would",
    "will",
    "could",
    "did",
    "does",
    "do",
    "may",
    "might",
    "not",
    "never",
    "even",
    "still",
    "already",
    "long",
    "just",
    "first",
    "last",
    "initially",
    "earlier",
    "often",
    "didn't",
    "doesn't",
    "don't",
    "won't",
    "has",
    "had",
    "must",
    "should",
    "can",
    "always",
    "too",
];

/// Words that open a clause, not a name: "But Mr. Guerrero said".
pub(super) const OPENERS: &[&str] = &[
    "but",
    "and",
    "so",
    "yet",
    "still",
    "also",
    "meanwhile",
    "however",
    "now",
    "then",
    "while",
    "when",
    "as",
    "if",
    "in",
    "on",
    "after",
    "before",
    "although",
    "though",
    "because",
    "since",
    "indeed",
    "instead",
    "moreover",
    "besides",
];

/// Pronouns that stand for a source on their own.
pub(super) const PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "you", "it", "who", "others", "many", "some", "most", "both",
    "few", "several", "all", "one",
];

/// Plural heads without an "s": "people said", "police say".
pub(super) const GROUPS: &[&str] = &[
    "people",
    "police",
    "men",
    "women",
    "staff",
    "media",
    "public",
    "crowd",
    "electorate",
    "majority",
    "minority",
    "plurality",
    "half",
];
