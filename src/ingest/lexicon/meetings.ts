/**
 * Meeting words, as data: what the meeting sieves (src/ingest/meetings.ts) look for. They describe
 * how English news reports meetings, calls and plans, not any particular article. Each list is one
 * string of words or phrases; the sieves turn them into patterns.
 */

const words = (s: string) => s.trim().split(/\s+/);
const phrases = (s: string) =>
  s
    .trim()
    .split(/\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Nouns of a meeting held "with" someone: "held talks with", "had a meeting with". */
export const MEETING_NOUNS = words(`talks meeting meetings summit summits discussions consultations negotiations
  parleys dialogue`);

/** Verbs whose object is the person met in person: "Petro received Maduro", "hosted the envoy". */
export const RECEIVE_VERBS = words(`received receives receiving hosted hosts hosting welcomed welcomes welcoming
  greeted greets greeting`);

/** Passive forms, with their agent after "by": "was welcomed at the airport by the vice-president". */
export const PASSIVE_RECEIVE_VERBS = words(`received welcomed greeted hosted met`);

/** Nouns of a welcome given to someone: "accorded the minister a warm welcome". */
export const WELCOME_NOUNS = words(`welcome reception`);
export const WELCOME_VERBS = words(`accorded accords gave gives extended extends offered`);

/** Verbs of talking things over with someone, weaker evidence of a meeting: "discussed trade with". */
export const DISCUSS_VERBS = words(`discussed discusses discussing`);

/** A phone or video call, not a meeting in person. */
export const CALL_PHRASES = phrases(`
  by phone
  by telephone
  by video
  over the phone
  over the telephone
  on the phone
  phone call
  phone calls
  telephone call
  telephone calls
  telephone conversation
  phone conversation
  video call
  video calls
  video conference
  videoconference
  video link
  video summit
  video summits
  virtual meeting
  virtual summit
  phoned
  telephoned
`);

/** Words that make a meeting a plan, not something that happened. */
export const PLAN_WORDS = phrases(`
  will
  would
  shall
  plans to
  plan to
  planned
  planning to
  intends to
  intend to
  hopes to
  hoped to
  hope to
  is to
  are to
  set to
  due to
  expected to
  scheduled to
  slated to
  poised to
  going to
  agreed to
  agreed on
  proposed
  upcoming
  future
  next
  possible
  potential
  prospective
  invited
  invitation
`);

/** Words that call a meeting off: "cancelled the summit", "postponed talks with". */
export const CANCEL_WORDS = phrases(`
  cancelled
  canceled
  cancel
  cancelling
  canceling
  called off
  postponed
  postpone
  scrapped
  skipped
  declined
  refused
  rejected
  pulled out of
`);

/** Groups that a named head stands for: "a delegation led by X", "the team headed by X". */
export const DELEGATION_NOUNS = words(`delegation delegations team mission envoys group`);
export const LEAD_VERBS = words(`led headed`);

/** People met as a group whose members the article may name later ("were present"). */
export const GROUP_OBJECTS = words(`leaders officials delegation delegates representatives members elders governors
  ministers executives lawmakers legislators envoys diplomats chiefs heads`);

/** Sentences that name who attended: "A and B were present", "the meeting was attended by". */
export const ATTENDANCE_PHRASES = phrases(`
  were present
  were also present
  was present
  was also present
  were in attendance
  were also in attendance
  was attended by
  were among those present
  also attended
  attended the meeting
  attended the talks
`);

/** Abbreviated titles, spelled out to compare roles: "the Ethiopian PM". */
export const TITLE_ABBREVIATIONS: Record<string, string> = {
  pm: 'prime minister',
  fm: 'foreign minister',
  vp: 'vice president',
};

/** Country names and their adjectives, to find "his counterparts from Chile, Peru and Spain". */
export const COUNTRY_ADJECTIVES: Record<string, string> = {
  Afghanistan: 'Afghan',
  Albania: 'Albanian',
  Algeria: 'Algerian',
  Argentina: 'Argentine',
  Armenia: 'Armenian',
  Australia: 'Australian',
  Austria: 'Austrian',
  Azerbaijan: 'Azerbaijani',
  Bahrain: 'Bahraini',
  Bangladesh: 'Bangladeshi',
  Belarus: 'Belarusian',
  Belgium: 'Belgian',
  Bolivia: 'Bolivian',
  Brazil: 'Brazilian',
  Bulgaria: 'Bulgarian',
  Cambodia: 'Cambodian',
  Cameroon: 'Cameroonian',
  Canada: 'Canadian',
  Chile: 'Chilean',
  China: 'Chinese',
  Colombia: 'Colombian',
  Croatia: 'Croatian',
  Cuba: 'Cuban',
  Cyprus: 'Cypriot',
  Czechia: 'Czech',
  'Czech Republic': 'Czech',
  Denmark: 'Danish',
  Ecuador: 'Ecuadorian',
  Egypt: 'Egyptian',
  Eritrea: 'Eritrean',
  Estonia: 'Estonian',
  Ethiopia: 'Ethiopian',
  Finland: 'Finnish',
  France: 'French',
  Georgia: 'Georgian',
  Germany: 'German',
  Ghana: 'Ghanaian',
  Greece: 'Greek',
  Hungary: 'Hungarian',
  India: 'Indian',
  Indonesia: 'Indonesian',
  Iran: 'Iranian',
  Iraq: 'Iraqi',
  Ireland: 'Irish',
  Israel: 'Israeli',
  Italy: 'Italian',
  Japan: 'Japanese',
  Jordan: 'Jordanian',
  Kazakhstan: 'Kazakh',
  Kenya: 'Kenyan',
  Kuwait: 'Kuwaiti',
  Kyrgyzstan: 'Kyrgyz',
  Laos: 'Lao',
  Latvia: 'Latvian',
  Lebanon: 'Lebanese',
  Libya: 'Libyan',
  Lithuania: 'Lithuanian',
  Malaysia: 'Malaysian',
  Mexico: 'Mexican',
  Moldova: 'Moldovan',
  Mongolia: 'Mongolian',
  Montenegro: 'Montenegrin',
  Morocco: 'Moroccan',
  Myanmar: 'Myanmar',
  Nepal: 'Nepali',
  Netherlands: 'Dutch',
  'New Zealand': 'New Zealand',
  Nigeria: 'Nigerian',
  'North Korea': 'North Korean',
  Norway: 'Norwegian',
  Oman: 'Omani',
  Pakistan: 'Pakistani',
  Palestine: 'Palestinian',
  Peru: 'Peruvian',
  Philippines: 'Philippine',
  Poland: 'Polish',
  Portugal: 'Portuguese',
  Qatar: 'Qatari',
  Romania: 'Romanian',
  Russia: 'Russian',
  Rwanda: 'Rwandan',
  'Saudi Arabia': 'Saudi',
  Senegal: 'Senegalese',
  Serbia: 'Serbian',
  Singapore: 'Singaporean',
  Slovakia: 'Slovak',
  Slovenia: 'Slovenian',
  'South Africa': 'South African',
  'South Korea': 'South Korean',
  Spain: 'Spanish',
  'Sri Lanka': 'Sri Lankan',
  Sudan: 'Sudanese',
  Sweden: 'Swedish',
  Switzerland: 'Swiss',
  Syria: 'Syrian',
  Taiwan: 'Taiwanese',
  Tajikistan: 'Tajik',
  Tanzania: 'Tanzanian',
  Thailand: 'Thai',
  Tunisia: 'Tunisian',
  Turkey: 'Turkish',
  Türkiye: 'Turkish',
  Turkmenistan: 'Turkmen',
  Uganda: 'Ugandan',
  Ukraine: 'Ukrainian',
  'United Arab Emirates': 'Emirati',
  UAE: 'Emirati',
  'United Kingdom': 'British',
  Britain: 'British',
  'United States': 'American',
  Uruguay: 'Uruguayan',
  Uzbekistan: 'Uzbek',
  Venezuela: 'Venezuelan',
  Vietnam: 'Vietnamese',
  Yemen: 'Yemeni',
  Zambia: 'Zambian',
  Zimbabwe: 'Zimbabwean',
};
