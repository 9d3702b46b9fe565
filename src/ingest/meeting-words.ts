/**
 * The meeting sieves' word lists (src/ingest/meetings.ts), loaded from their data files in
 * src/ingest/lexicon/meeting-*.txt, title-abbreviations.txt and countries.txt. Words in a file are
 * separated by spaces; phrase files hold one phrase a line.
 */
import { lexiconLines } from './lexicon.js';

const words = (file: string) => lexiconLines(file).flatMap((l) => l.split(/\s+/));

export const MEETING_NOUNS = words('meeting-nouns.txt');
export const RECEIVE_VERBS = words('meeting-receive-verbs.txt');
export const PASSIVE_RECEIVE_VERBS = words('meeting-passive-receive-verbs.txt');
export const WELCOME_NOUNS = words('meeting-welcome-nouns.txt');
export const WELCOME_VERBS = words('meeting-welcome-verbs.txt');
export const DISCUSS_VERBS = words('meeting-discuss-verbs.txt');
export const CALL_PHRASES = lexiconLines('meeting-call-phrases.txt');
export const PLAN_WORDS = lexiconLines('meeting-plan-words.txt');
export const CANCEL_WORDS = lexiconLines('meeting-cancel-words.txt');
export const DELEGATION_NOUNS = words('meeting-delegation-nouns.txt');
export const LEAD_VERBS = words('meeting-lead-verbs.txt');
export const GROUP_OBJECTS = words('meeting-group-objects.txt');
export const ATTENDANCE_PHRASES = lexiconLines('meeting-attendance-phrases.txt');

/** "pm" → "prime minister": each line is the abbreviation, then the words. */
export const TITLE_ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  lexiconLines('title-abbreviations.txt').map((l) => {
    const [abbreviation, ...rest] = l.split(/\s+/);
    return [abbreviation!, rest.join(' ')];
  }),
);

/** Country name → adjective ("Germany" → "German"): each line is the country, a tab, the adjective. */
export const COUNTRY_ADJECTIVES: Record<string, string> = Object.fromEntries(
  lexiconLines('countries.txt').map((l) => {
    const [country, adjective] = l.split('\t');
    if (!country || !adjective) throw new Error(`lexicon/countries.txt: bad line "${l}"`);
    return [country.trim(), adjective.trim()];
  }),
);
