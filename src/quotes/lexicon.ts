/**
 * Word lists for attribution. General English, written from general knowledge of reporting
 * verbs and their thesaurus neighbours (WordNet-style synonym sets of say, tell, add, report,
 * note, write, call, warn, claim, announce ...), so attribution survives a spinner that swaps a
 * cue for one of its synonyms. Nothing here comes from a particular page.
 */

/**
 * How a cue verb may introduce speech:
 * - speech: a reporting verb; takes quotes and a reported clause ("said the plan would fail").
 * - weak: an ordinary verb that a thesaurus lists beside a reporting verb ("included", "supplied"
 *   for added; "accounted" for reported); counts only before "that" + clause or a quotation.
 * - naming: introduces a quoted word or phrase only ("called it “a disaster”").
 */
export type CueClass = 'speech' | 'weak' | 'naming';

const SPEECH_LEMMAS = [
  'say', 'tell', 'state', 'add', 'note', 'claim', 'announce', 'warn', 'declare', 'assert', 'insist',
  'explain', 'argue', 'remark', 'comment', 'mention', 'observe', 'acknowledge', 'admit', 'concede',
  'confirm', 'deny', 'report', 'reveal', 'disclose', 'predict', 'stress', 'emphasise', 'emphasize',
  'underline', 'underscore', 'reply', 'respond', 'answer', 'retort', 'rejoin', 'write', 'tweet',
  'conclude', 'recall', 'vow', 'pledge', 'promise', 'threaten', 'complain', 'lament', 'allege', 'aver',
  'affirm', 'avow', 'articulate', 'utter', 'voice', 'inform', 'notify', 'advise', 'assure', 'reassure',
  'reiterate', 'repeat', 'contend', 'maintain', 'suggest', 'estimate', 'testify', 'proclaim',
  'pronounce', 'enunciate', 'verbalise', 'verbalize', 'recount', 'narrate', 'relate', 'indite', 'pen',
  'caution', 'admonish', 'forewarn', 'alert', 'confess', 'clarify', 'specify', 'forecast', 'boast',
  'quip', 'joke', 'muse', 'shout', 'exclaim', 'cry', 'whisper', 'instruct', 'brief', 'remind',
  'acknowledge', 'agree', 'counter', 'object', 'protest', 'reason', 'surmise', 'speculate', 'hint',
  'signal', 'concur', 'continue', 'ask', 'demand', 'plead', 'contest', 'dispute', 'recommend',
  // A thesaurus neighbour of "say" ("I say" ~ "I suppose") that spinners put in its place.
  'suppose',
];

const WEAK_LEMMAS = [
  'include', 'supply', 'append', 'contribute', 'impart', 'further', 'account', 'publish', 'broadcast',
  'express', 'convey', 'communicate', 'put', 'offer', 'point', 'indicate', 'show', 'record', 'detail',
  'cover', 'acknowledge', 'grant', 'recognise', 'recognize', 'enjoin', 'order', 'direct', 'compose',
  'observe', 'notice', 'mark', 'accent', 'highlight', 'air', 'proffer', 'present', 'submit', 'hold',
  'affirm', 'reckon', 'declare', 'profess', 'vouch', 'attest', 'certify', 'describe', 'add',
];

const NAMING_LEMMAS = ['call', 'name', 'dub', 'term', 'label', 'style', 'describe', 'brand', 'characterise', 'characterize', 'urge', 'praise', 'criticise', 'criticize', 'hail', 'condemn', 'denounce', 'welcome'];

/** Irregular forms: lemma -> [past, past participle, 3sg, -ing]. */
const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying'],
  tell: ['told', 'tells', 'telling'],
  write: ['wrote', 'written', 'writes', 'writing'],
  pen: ['penned', 'pens', 'penning'],
  put: ['put', 'puts', 'putting'],
  hold: ['held', 'holds', 'holding'],
  cry: ['cried', 'cries', 'crying'],
  supply: ['supplied', 'supplies', 'supplying'],
  reply: ['replied', 'replies', 'replying'],
  testify: ['testified', 'testifies', 'testifying'],
  clarify: ['clarified', 'clarifies', 'clarifying'],
  specify: ['specified', 'specifies', 'specifying'],
  deny: ['denied', 'denies', 'denying'],
  certify: ['certified', 'certifies', 'certifying'],
  forecast: ['forecast', 'forecasts', 'forecasting', 'forecasted'],
  broadcast: ['broadcast', 'broadcasts', 'broadcasting'],
  forewarn: ['forewarned', 'forewarns', 'forewarning'],
  quip: ['quipped', 'quips', 'quipping'],
  admit: ['admitted', 'admits', 'admitting'],
  concur: ['concurred', 'concurs', 'concurring'],
  rebut: ['rebutted', 'rebuts', 'rebutting'],
  refer: ['referred', 'refers', 'referring'],
};

/** Regular English inflection: the forms a verb takes in running news text. */
export function verbForms(lemma: string): string[] {
  if (IRREGULAR[lemma]) return [lemma, ...IRREGULAR[lemma]];
  const forms = [lemma];
  const e = lemma.endsWith('e');
  const y = /[^aeiou]y$/.test(lemma);
  forms.push(e ? `${lemma}d` : y ? `${lemma.slice(0, -1)}ied` : `${lemma}ed`);
  forms.push(/(s|sh|ch|x|z|o)$/.test(lemma) ? `${lemma}es` : y ? `${lemma.slice(0, -1)}ies` : `${lemma}s`);
  forms.push(e && !lemma.endsWith('ee') ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`);
  return forms;
}

export interface CueEntry {
  lemma: string;
  cls: CueClass;
  /** Takes a person as object ("told reporters", "warned investors"). */
  takesObject: boolean;
}

const OBJECT_LEMMAS = new Set(['tell', 'inform', 'notify', 'advise', 'assure', 'reassure', 'warn', 'caution', 'remind', 'brief', 'instruct', 'enjoin', 'order', 'direct', 'alert', 'forewarn', 'admonish', 'ask', 'urge']);

function buildCueTable(): Map<string, CueEntry> {
  const table = new Map<string, CueEntry>();
  const put = (lemmas: string[], cls: CueClass) => {
    for (const lemma of lemmas) {
      for (const form of verbForms(lemma)) {
        // A form already listed under a stronger class keeps it.
        if (!table.has(form)) table.set(form, { lemma, cls, takesObject: OBJECT_LEMMAS.has(lemma) });
      }
    }
  };
  put(SPEECH_LEMMAS, 'speech');
  put(NAMING_LEMMAS, 'naming');
  put(WEAK_LEMMAS, 'weak');
  // Forms that are far more often nouns or adjectives than verbs in news text.
  for (const noun of ['reports', 'claims', 'notes', 'comments', 'answers', 'promises', 'pledges', 'protests', 'orders', 'records', 'details', 'states', 'cries', 'jokes', 'points', 'shows', 'marks', 'offers', 'estimates', 'forecasts', 'holds', 'air', 'present', 'record', 'show', 'object', 'cover', 'state', 'point', 'mark', 'order', 'offer', 'detail', 'signal', 'signals', 'reason', 'reasons', 'counter', 'voice', 'voices', 'pen', 'further', 'direct', 'brief', 'grant', 'hold', 'put', 'estimate', 'repeat', 'alert', 'answer', 'reply', 'comment', 'report', 'claim', 'note', 'promise', 'pledge', 'protest', 'dispute', 'welcome', 'call', 'name', 'term', 'label', 'style', 'brand', 'hail']) {
    const entry = table.get(noun);
    // Keep them only as weak cues: they then need "that" or an adjacent quotation.
    if (entry && noun !== 'further') table.set(noun, { ...entry, cls: entry.cls === 'naming' ? 'naming' : 'weak' });
  }
  return table;
}

export const CUES: Map<string, CueEntry> = buildCueTable();

/** Multi-word naming cues ("known as" is a thesaurus neighbour of "called"). */
export const NAMING_PHRASES: string[][] = [['known', 'as'], ['referred', 'to', 'as'], ['refers', 'to', 'as'], ['described', 'as'], ['branded', 'as']];

/** "According to X" and its thesaurus neighbours. */
export const SOURCE_PHRASES: string[][] = [['according', 'to'], ['as', 'reported', 'by'], ['as', 'stated', 'by'], ['as', 'quoted', 'by'], ['as', 'per']];

/** Multi-word reporting verbs. */
export const SPEECH_PHRASES: string[][] = [['made', 'clear'], ['make', 'clear'], ['makes', 'clear'], ['made', 'it', 'clear'], ['makes', 'it', 'clear'], ['pointed', 'out'], ['points', 'out'], ['pointing', 'out'], ['spelled', 'out'], ['went', 'on', 'to', 'say'], ['goes', 'on', 'to', 'say']];

/** Words between a subject and its cue that do not end the subject ("he also said"). */
export const ADVERBS = new Set(['also', 'afterwards', 'afterward', 'further', 'furthermore', 'later', 'then', 'again', 'previously', 'earlier', 'once', 'recently', 'separately', 'publicly', 'privately', 'reportedly', 'repeatedly', 'additionally', 'subsequently', 'similarly', 'likewise', 'however', 'meanwhile', 'has', 'have', 'had', 'had', 'will', 'would', 'was', 'is', 'were', 'are', 'did', 'does', 'do', 'just', 'simply', 'only', 'still', 'yet', 'already', 'often', 'frequently', 'sometimes', 'openly', 'bluntly', 'flatly', 'firmly', 'strongly', 'sharply', 'angrily', 'calmly', 'quietly', 'loudly', 'recently', 'lately', 'explicitly', 'clearly', 'specifically', 'formally', 'officially', 'categorically', 'emphatically', 'finally', 'eventually', 'initially', 'first', 'originally']);

export const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'nor', 'neither', 'without']);

export const AUX = new Set(['cannot', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'shall', 'did', 'does', 'do', "won't", "can't", "didn't", "doesn't", "isn't", "wasn't", "weren't", "aren't", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't", "shouldn't", 'ought']);

/** Common irregular past tenses: evidence that words form a clause. */
export const IRREGULAR_PAST = new Set(['went', 'came', 'got', 'made', 'took', 'gave', 'said', 'told', 'fell', 'rose', 'grew', 'saw', 'knew', 'thought', 'found', 'left', 'kept', 'held', 'led', 'ran', 'won', 'lost', 'paid', 'sent', 'spent', 'built', 'bought', 'sold', 'brought', 'began', 'became', 'met', 'meant', 'felt', 'stood', 'understood', 'wrote', 'spoke', 'broke', 'chose', 'drove', 'hit', 'cut', 'set', 'put', 'let', 'shut', 'struck', 'sought', 'taught', 'caught', 'fought', 'dealt', 'froze', 'hid', 'rode', 'shook', 'swore', 'tore', 'wore', 'woke', 'beat', 'bore', 'flew', 'drew', 'threw', 'blew', 'withdrew', 'overtook', 'undertook', 'forgot', 'forgave', 'lay', 'lied', 'sank', 'shrank', 'sprang', 'stank', 'swam', 'rang', 'sang', 'slid', 'spun', 'stuck', 'stung', 'swung', 'hung', 'dug', 'fled', 'bred', 'fed', 'sped', 'bled', 'read', 'needs', 'wants', 'plans', 'expects', 'remains', 'remained', 'desires', 'seeks', 'intends', 'hopes', 'believes', 'thinks', 'faces', 'looks', 'seems', 'appears', 'needed', 'wanted']);

export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'one', 'another', 'other', 'some', 'two', 'three', 'four', 'five', 'several', 'many', 'both', 'each', 'every', 'all', 'any', 'no', 'most', 'few', 'such']);

export const PREPOSITIONS = new Set(['in', 'on', 'at', 'by', 'for', 'from', 'with', 'without', 'to', 'of', 'during', 'after', 'before', 'since', 'until', 'under', 'over', 'into', 'onto', 'upon', 'through', 'throughout', 'across', 'against', 'among', 'amongst', 'between', 'about', 'around', 'near', 'via', 'per', 'despite', 'inside', 'outside', 'within', 'following', 'amid', 'towards', 'toward', 'beyond', 'behind', 'below', 'above', 'like', 'unlike', 'than', 'as']);

/** Words that open a subordinate or coordinate clause: a subject never reaches back past them. */
export const CLAUSE_OPENERS = new Set(['and', 'but', 'or', 'nor', 'while', 'whereas', 'though', 'although', 'because', 'since', 'so', 'yet', 'if', 'when', 'whether', 'unless', 'after', 'before', 'once', 'as', 'what', 'which', 'that', 'where', 'how', 'why', 'who', 'whom', 'whose', 'than', 'until', 'till']);

export const RELATIVE_OPENERS = new Set(['who', 'whose', 'which', 'whom', 'where', 'due', 'one', 'a', 'an', 'the', 'himself', 'herself', 'itself', 'themselves', 'aged', 'head', 'chief', 'also', 'now', 'then', 'formerly', 'previously']);

/** Sentence-initial capitalised words that do not start a name. */
export const CAPITALISED_FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'as', 'after', 'before', 'asked', 'according',
  'while', 'when', 'although', 'though', 'because', 'if', 'this', 'that', 'these', 'those', 'his', 'her', 'its',
  'their', 'our', 'my', 'we', 'i', 'he', 'she', 'it', 'they', 'there', 'last', 'next', 'under', 'with', 'without',
  'by', 'from', 'of', 'to', 'since', 'until', 'meanwhile', 'however', 'also', 'other', 'another', 'one', 'some',
  'many', 'more', 'most', 'such', 'despite', 'during', 'neither', 'nor', 'both', 'each', 'every', 'all', 'no',
  'not', 'what', 'which', 'who', 'whose', 'where', 'why', 'how', 'then', 'than', 'so', 'yet', 'still', 'even',
  'just', 'only', 'here', 'now', 'today', 'yesterday', 'tomorrow', 'earlier', 'later', 'instead', 'separately',
  'still', 'similarly', 'likewise', 'moreover', 'furthermore', 'further', 'additionally', 'indeed', 'yes',
  'speaking', 'writing', 'addressing', 'responding', 'following', 'amid', 'among', 'once', 'unless', 'whether',
  'several', 'few', 'any', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'first',
  'second', 'third', 'officials', 'analysts', 'experts', 'critics', 'residents', 'sources', 'police', 'shares',
  'prices', 'asked', 'told', 'said', 'reuters', 'read', 'more', 'see', 'also', 'mr', 'mrs', 'ms', 'dr',
]);

export const MONTHS_DAYS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Titles and roles that precede a person's name; stripped from the name. */
export const TITLE_WORDS = new Set([
  'minister', 'president', 'vice', 'secretary', 'general', 'senator', 'sen', 'governor', 'gov', 'mayor', 'director',
  'coach', 'chancellor', 'prime', 'chief', 'executive', 'spokeswoman', 'spokesman', 'spokesperson', 'chairman',
  'chairwoman', 'chairperson', 'chair', 'leader', 'judge', 'justice', 'ambassador', 'commissioner', 'premier', 'king',
  'queen', 'prince', 'princess', 'pope', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'rep', 'representative',
  'congressman', 'congresswoman', 'deputy', 'assistant', 'head', 'officer', 'captain', 'colonel', 'col', 'lieutenant',
  'lt', 'sergeant', 'sgt', 'admiral', 'adm', 'manager', 'founder', 'ceo', 'cfo', 'coo', 'analyst', 'economist',
  'lawyer', 'attorney', 'inspector', 'detective', 'superintendent', 'archbishop', 'bishop', 'rabbi', 'imam', 'cardinal',
  'sheikh', 'emir', 'crown', 'lord', 'lady', 'sir', 'dame', 'gen', 'marshal', 'commander', 'councillor', 'councilor',
  'councilman', 'councilwoman', 'speaker', 'envoy', 'diplomat', 'official', 'adviser', 'advisor', 'counsel',
  'professor', 'scientist', 'researcher', 'doctor', 'nurse', 'teacher', 'author', 'novelist', 'actor', 'actress',
  'singer', 'player', 'striker', 'midfielder', 'defender', 'goalkeeper', 'chef', 'farmer', 'activist', 'campaigner',
  'lawmaker', 'legislator', 'mp', 'mep', 'sen.', 'regulator', 'auditor', 'trader', 'strategist', 'editor',
  'reporter', 'correspondent', 'columnist', 'journalist', 'producer', 'architect', 'engineer', 'owner', 'partner',
  'treasurer', 'comptroller', 'controller', 'provost', 'dean', 'principal', 'rector', 'chancellor', 'chieftain',
  'opposition', 'foreign', 'finance', 'health', 'defence', 'defense', 'interior', 'trade', 'economy', 'energy',
  'education', 'environment', 'justice', 'labour', 'labor', 'transport', 'agriculture', 'culture', 'home',
  'treasury', 'state', 'attorney-general', 'secretary-general', 'director-general', 'first', 'former', 'acting',
  'interim', 'senior', 'junior', 'exchequer', 'cabinet', 'party', 'union', 'manager', 'boss', 'veteran',
  'undersecretary', 'under-secretary', 'permanent', 'delegate', 'negotiator', 'administrator', 'governor-general',
  'information', 'communications', 'industry', 'commerce', 'technology', 'science', 'housing', 'welfare', 'sports',
]);

/** Role nouns whose holder is a person (for "the spokeswoman", "a minister said"). */
export const PERSON_ROLES = new Set([
  'spokeswoman', 'spokesman', 'spokesperson', 'minister', 'president', 'secretary', 'senator', 'governor', 'mayor',
  'director', 'coach', 'chancellor', 'premier', 'chairman', 'chairwoman', 'chair', 'leader', 'judge', 'ambassador',
  'commissioner', 'official', 'officer', 'executive', 'economist', 'analyst', 'lawyer', 'attorney', 'farmer',
  'woman', 'man', 'doctor', 'scientist', 'researcher', 'professor', 'envoy', 'diplomat', 'adviser', 'advisor',
  'manager', 'founder', 'owner', 'chief', 'head', 'witness', 'resident', 'mother', 'father', 'wife', 'husband',
  'son', 'daughter', 'victim', 'player', 'striker', 'actor', 'actress', 'author', 'activist', 'lawmaker', 'source',
  'person', 'expert', 'engineer', 'teacher', 'student', 'worker', 'employee', 'trader', 'strategist', 'editor',
  'boss', 'inspector', 'detective', 'prosecutor', 'regulator', 'executive', 'ceo', 'member', 'deputy', 'negotiator',
]);

/** Female and male role nouns and titles: gender evidence for he/she. */
export const FEMALE_WORDS = new Set(['spokeswoman', 'chairwoman', 'congresswoman', 'councilwoman', 'businesswoman', 'mrs', 'ms', 'miss', 'madam', 'queen', 'princess', 'lady', 'dame', 'actress', 'woman', 'mother', 'wife', 'daughter', 'sister', 'her', 'she', 'herself', 'grandmother', 'girl', 'duchess', 'empress', 'baroness', 'countess', 'policewoman', 'sportswoman', 'stateswoman', 'widow', 'aunt', 'niece']);
export const MALE_WORDS = new Set(['spokesman', 'chairman', 'congressman', 'councilman', 'businessman', 'mr', 'king', 'prince', 'lord', 'sir', 'man', 'father', 'husband', 'son', 'brother', 'his', 'he', 'himself', 'grandfather', 'boy', 'duke', 'emperor', 'baron', 'count', 'policeman', 'sportsman', 'statesman', 'widower', 'uncle', 'nephew', 'monk']);

/** Words that make a capitalised name an organisation. */
export const ORG_WORDS = new Set([
  'ministry', 'commission', 'association', 'board', 'council', 'agency', 'bank', 'group', 'company', 'co', 'corp',
  'corporation', 'inc', 'ltd', 'plc', 'llc', 'ag', 'gmbh', 'sa', 'nv', 'times', 'daily', 'post', 'news', 'journal',
  'herald', 'press', 'tribune', 'gazette', 'reuters', 'university', 'institute', 'committee', 'department', 'office',
  'organization', 'organisation', 'union', 'alliance', 'party', 'court', 'parliament', 'congress', 'senate',
  'government', 'administration', 'authority', 'federation', 'fund', 'foundation', 'service', 'services', 'police',
  'army', 'navy', 'forces', 'force', 'nations', 'bureau', 'exchange', 'club', 'league', 'trust', 'capital', 'partners',
  'holdings', 'industries', 'industry', 'airlines', 'airways', 'motors', 'systems', 'media', 'network', 'broadcasting',
  'telecom', 'communications', 'technologies', 'technology', 'pharmaceuticals', 'energy', 'oil', 'petroleum', 'bloc',
  'assembly', 'cabinet', 'kremlin', 'pentagon', 'treasury', 'commerce', 'fed', 'reserve', 'securities', 'investors',
  'insurance', 'motor', 'electric', 'steel', 'chemical', 'chemicals', 'mining', 'airline', 'railway', 'railways',
  'center', 'centre', 'coalition', 'movement', 'front', 'brigade', 'command', 'unit', 'team', 'fc', 'society',
  'institution', 'academy', 'school', 'college', 'hospital', 'clinic', 'laboratory', 'labs', 'studio', 'studios',
  'records', 'publishing', 'publishers', 'magazine', 'radio', 'tv', 'television', 'channel', 'outlet', 'observer',
  'guardian', 'telegraph', 'independent', 'standard', 'mirror', 'express', 'mail', 'sun', 'star', 'chronicle',
  'review', 'monitor', 'wire', 'newswire', 'agence', 'xinhua', 'tass', 'interfax', 'kyodo', 'nikkei', 'yonhap',
  'bloomberg', 'politico', 'axios', 'cnn', 'bbc', 'nbc', 'cbs', 'abc', 'fox', 'ap', 'afp', 'dpa', 'ria', 'sputnik',
  'utility', 'utilities', 'electricity', 'gas', 'water', 'power', 'ventures', 'capital', 'management', 'advisers',
  'consulting', 'research', 'analytics', 'foods', 'brands', 'stores', 'retail', 'group', 'corp.', 'organisation',
  'affairs', 'security', 'grouping', 'body',
]);

/** Organisations that publish: "the outlet", "the daily", "the newspaper" resolve to these. */
export const MEDIA_WORDS = new Set(['times', 'daily', 'post', 'news', 'journal', 'herald', 'press', 'tribune', 'gazette', 'reuters', 'media', 'broadcasting', 'magazine', 'radio', 'tv', 'television', 'channel', 'outlet', 'observer', 'guardian', 'telegraph', 'independent', 'standard', 'mirror', 'express', 'mail', 'chronicle', 'review', 'monitor', 'wire', 'newswire', 'agence', 'xinhua', 'tass', 'interfax', 'kyodo', 'nikkei', 'yonhap', 'bloomberg', 'politico', 'axios', 'cnn', 'bbc', 'nbc', 'cbs', 'abc', 'fox', 'ap', 'afp', 'dpa', 'ria', 'sputnik', 'newspaper', 'paper', 'broadcaster', 'network', 'agency', 'publication', 'website', 'site', 'tabloid', 'weekly', 'magazine', 'station']);

/** Nouns for organisations, heads of "the bloc", "the company", "the ministry" ... */
export const ORG_NOUNS = new Set([
  'ministry', 'commission', 'association', 'board', 'council', 'agency', 'bank', 'group', 'company', 'firm',
  'corporation', 'carmaker', 'automaker', 'airline', 'carrier', 'insurer', 'lender', 'retailer', 'maker',
  'manufacturer', 'producer', 'operator', 'utility', 'bloc', 'alliance', 'union', 'organisation', 'organization',
  'government', 'administration', 'authority', 'department', 'office', 'committee', 'court', 'parliament',
  'federation', 'fund', 'foundation', 'club', 'league', 'team', 'party', 'coalition', 'university', 'institute',
  'exchange', 'regulator', 'watchdog', 'body', 'panel', 'army', 'military', 'police', 'navy', 'embassy',
  'consulate', 'cabinet', 'kremlin', 'pentagon', 'house', 'agency', 'ministry', 'conglomerate', 'giant',
  'group', 'chain', 'developer', 'distributor', 'supplier', 'miner', 'refiner', 'shipper', 'broker', 'brokerage',
  'outlet', 'newspaper', 'paper', 'daily', 'broadcaster', 'network', 'publication', 'website', 'site', 'tabloid',
  'weekly', 'magazine', 'station', 'channel', 'service', 'unit', 'subsidiary', 'parent', 'startup', 'business',
  'enterprise', 'concern', 'conglomerate', 'state', 'country', 'nation', 'city', 'province', 'region',
  'directorate', 'secretariat', 'inspectorate', 'grouping', 'organ', 'outfit', 'prosecutor', 'prosecutors', 'association', 'society', 'charity',
]);

/** Given names with a strong gender reading, common across English-language news. */
export const FEMALE_NAMES = new Set(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna ana brenda pamela nicole samantha katherine christine emma catherine ruth debra rachel carolyn janet virginia maria heather diane julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia sofia marie diana brittany natalie isabella charlotte rose alexis kayla   greta astrid sigrid birgit ulrike angela annalena ursula christine marine segolene anne annie claire sophie isabelle nathalie valerie sylvie monique francoise giorgia elena francesca giulia chiara paola silvia carmen lucia pilar dolores rosa ines isabel beatriz marta irina olga tatiana natalia svetlana yulia elena ekaterina anastasia maya   anjali sunita indira sonia nirmala aisha fatima leila layla yasmin amina zainab mariam noor hana yuki yoko keiko akiko naomi mei lin xiu ying jacinda theresa liz kamala hillary nikki nancy janet christine kristalina ngozi mette sanna magdalena jacinta ursula     lise karin kristin marit hanne ewa agnieszka katarzyna beata zuzana petra jana eva ilse helga gisela`.split(/\s+/));
export const MALE_NAMES = new Set(`james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl karl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny boris vladimir dmitry sergei sergey igor ivan alexei alexey nikolai mikhail yuri viktor oleg andrei volodymyr olaf friedrich wolfgang helmut gerhard hans jurgen jens lars sven erik nils magnus emmanuel francois jacques pierre   jean-luc nicolas olivier marco luca matteo giuseppe giovanni mario luigi silvio sergio pedro carlos luis miguel javier jorge alejandro manuel fernando antonio rafael diego emilio xi li wei jun hiroshi takeshi   shinzo yoshihide kenji akira narendra rahul amit raj vijay arjun mohammed muhammad ahmed ali hassan hussein omar khalid abdullah recep benjamin yair naftali   piotr andrzej jan pawel krzysztof lech tadeusz milos viktor mateusz rishi keir tony gordon nigel jeremy boris barack joe donald ronald jimmy lloyd mitch chuck kevin ted rand marco   fahd salman faisal mahmoud jamal kofi ban antonio jens mark rutte volodymyr emmanuel olaf justin scott malcolm anthony kim shigeru yoshihiko junichiro taro abe`.split(/\s+/));
