/**
 * The word lists the rule-based extractor leans on. The lists themselves are data, one file each in
 * src/ingest/lexicon/ (titles, speech verbs, organisation heads, name particles, places, …): they
 * describe English news style, not any particular article. To teach the extractor a word, add it
 * to its file; no code changes. This module loads them once and gives them their types.
 */
import { readFileSync } from 'node:fs';

type OrgKind = 'GOVERNMENT' | 'MEDIA' | 'PARTY' | 'THINK_TANK' | 'COMPANY' | 'OTHER';
const ORG_KINDS = new Set<string>(['GOVERNMENT', 'MEDIA', 'PARTY', 'THINK_TANK', 'COMPANY', 'OTHER']);

/** A lexicon file's lines, without comments (`#` to the end of a line) and blank lines. */
export function lexiconLines(file: string): string[] {
  return readFileSync(new URL(`./lexicon/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}
const words = (file: string) => new Set(lexiconLines(file).flatMap((l) => l.split(/\s+/)));

/** Head words of job titles and roles: "Unification Minister", "special envoy", "spokesman". */
export const TITLE_WORDS = words('titles.txt');
/** Title heads in the plural before a list of names ("Governors A and B"), lowercase. */
export const PLURAL_TITLES = words('plural-titles.txt');
/** "Governors" → "Governor", "Secretaries" → "Secretary" (case kept). */
export const singularTitle = (w: string) => w.replace(/ies$/, 'y').replace(/(?<!y)s$/, '');
/** Words that may sit inside a title before its head: "U.S. special envoy", "senior fellow". */
export const TITLE_MODIFIERS = words('title-modifiers.txt');
/** Capitalized words that are never part of a person's name. */
export const NON_NAME_WORDS = words('non-name-words.txt');

/** Last words of organization names and what kind of organization they make. */
export const ORG_HEADS: Record<string, OrgKind> = Object.fromEntries(
  lexiconLines('org-heads.txt').map((line) => {
    const [word, kind] = line.split(/\s+/);
    if (!word || !kind || !ORG_KINDS.has(kind)) throw new Error(`lexicon/org-heads.txt: bad line "${line}"`);
    return [word, kind as OrgKind];
  }),
);

/** Roles written after an organization's name and before a person's: "Norvex spokeswoman Ada Lim". */
export const ORG_ROLES = words('org-roles.txt');
/** One-word names of national legislatures: "told the Bundestag", "in the Knesset". */
export const LEGISLATURES = words('legislatures.txt');
/** News agencies and photo services that appear as bare caption credits. */
export const MEDIA_NAMES = words('media-names.txt');

/** Speech verbs in every form; the value is the form's lemma (each line: lemma, then its forms). */
export const SPEECH_VERBS: Map<string, string> = new Map(
  lexiconLines('speech-verbs.txt').flatMap((line) => {
    const forms = line.split(/\s+/);
    return forms.map((f) => [f, forms[0]!] as const);
  }),
);

/** Nouns that report speech when a person owns them: "Kim Jong-un's earlier comment … that". */
export const SPEECH_NOUNS = words('speech-nouns.txt');
/** Words that end a noun phrase (conjunctions, relatives, auxiliaries, prepositions): never a name's modifier. */
export const CLAUSE_WORDS = words('clause-words.txt');
/** Plural or generic subjects that say things but are not people we can name. */
export const GENERIC_SUBJECTS = words('generic-subjects.txt');
/** Lowercase words inside a name: "Ursula von der Leyen", "Mohammed bin Abdulrahman Al Thani". */
export const NAME_PARTICLES = words('name-particles.txt');
/** The particles capitalized, as at a sentence start ("Von der Leyen said", "De Croo", "Al Thani"). */
export const CAPITALIZED_PARTICLES = words('name-particles-capitalized.txt');
/** Arabic articles written with a hyphen before a capital: "al-Ansari", "el-Sisi", "Al-Momani". */
export const ARABIC_ARTICLES = [...words('arabic-articles.txt')];
export const ARTICLE_PREFIX = new RegExp(`^(?:${ARABIC_ARTICLES.join('|')})-(?=\\p{Lu})`, 'iu');
/** Common Korean and Chinese family names: a name that starts with one is written family name first. */
export const EAST_ASIAN_SURNAMES = words('east-asian-surnames.txt');

/** The days of the week, Sunday first, lowercase. */
export const WEEKDAYS = lexiconLines('weekdays.txt').flatMap((l) => l.split(/\s+/));
/** The months in order, lowercase. */
export const MONTHS = lexiconLines('months.txt').flatMap((l) => l.split(/\s+/));
/** Number words and their values: "two", "twice". */
export const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  lexiconLines('number-words.txt').map((line) => {
    const [word, value] = line.split(/\s+/);
    if (!word || !value || !/^\d+$/.test(value)) throw new Error(`lexicon/number-words.txt: bad line "${line}"`);
    return [word, Number(value)];
  }),
);
/** Participles naming who relayed a quote ("carried by"). */
export const RELAY_VERBS = [...words('relay-verbs.txt')];
/** Adverbs between a speaker and the speech verb (besides any word in -ly). */
export const ATTRIBUTION_ADVERBS = [...words('attribution-adverbs.txt')];

/** Countries, capitals, major cities and regions: subjects ("Pyongyang said"), never people. */
export const PLACE_WORDS = words('place-words.txt');
/** Places of more than one word, matched as units ("Hong Kong"; "Hong" alone is a name word). */
export const MULTI_WORD_PLACES = lexiconLines('multi-word-places.txt');
/** Nationality adjectives: part of titles ("South Korean Unification Minister"), never names. */
export const NATIONALITIES = words('nationalities.txt');

/** A regular-expression alternation of words or phrases, each escaped. */
export const alternation = (list: readonly string[]) =>
  list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** Capitalized words that open a sentence and never start a name: "The", "After", "Meanwhile". */
export const SENTENCE_STARTERS = words('sentence-starters.txt');
/** Family and membership words: "sister of X" is X's relative, not part of X's title. */
export const RELATION_NOUNS = words('relation-nouns.txt');
/** Words a title before a name never runs back across (compared lowercased). */
export const TITLE_STOP_WORDS = words('title-stop-words.txt');
/** Function words left out when roles are compared word by word. */
export const ROLE_STOP_WORDS = words('role-stop-words.txt');
/** Words that open an introductory clause ("After the talks, …"). */
export const INTRO_WORDS = [...words('intro-words.txt')];
/** Words that bound a role written before "role, Name" (compared lowercased). */
export const ROLE_BOUNDS = words('role-bounds.txt');
/** Personal pronouns that refer to a person, lowercase. */
export const PRONOUNS = [...words('pronouns.txt')];
/** Roles that make the capitalized words before them a company, as word beginnings. */
export const CORPORATE_ROLES = [...words('corporate-roles.txt')];
/** Verbs after a full name that make it a person. */
export const PERSON_EVIDENCE_VERBS = [...words('person-evidence-verbs.txt')];
/** Verbs after "role, Name" that make the name the role's holder. */
export const ROLE_NAME_VERBS = [...words('role-name-verbs.txt')];
/** Words right before a full name that make it a person ("said", "according to", "Dr."). */
export const WORDS_BEFORE_PERSON = lexiconLines('words-before-person.txt');
