/**
 * Word lists the rule-based extractor leans on. They describe English news style (titles, speech
 * verbs, organization heads), not any particular article.
 */

const words = (s: string) => new Set(s.trim().split(/\s+/));

/** Head words of job titles and roles: "Unification Minister", "special envoy", "spokesman". */
export const TITLE_WORDS = words(`
  president president-elect vice-president premier minister ministers secretary adviser advisor envoy ambassador leader
  spokesman spokeswoman spokesperson chairman chairwoman chair chief executive ceo director professor fellow analyst
  economist researcher counterpart governor mayor senator lawmaker legislator representative rep. sen. gov. chancellor
  king queen prince princess emperor pope commander general admiral official diplomat negotiator deputy head founder
  judge lawyer prosecutor attorney reporter correspondent photographer editor columnist sister brother wife husband
  daughter son mother father member farmer worker chancellor minister-president speaker mr. mrs. ms. dr. prof.
  councilor commissioner chief-of-staff undersecretary under-secretary aide strategist scholar expert
  secretary-general director-general vice-chancellor chairperson president-designate premier-designate
  sheikh sheikha emir amir sultan crown-prince imam ayatollah mufti rabbi cardinal archbishop bishop reverend rev.
  pastor lord lady sir dame baron baroness duke duchess colonel col. lt. brig. maj. capt. sgt. marshal
`);

/** Words that may sit inside a title before its head: "U.S. special envoy", "senior fellow". */
export const TITLE_MODIFIERS = words(`
  special senior junior chief deputy vice acting former first top foreign defense finance trade unification national
  security presidential prime executive general main opposition ruling state government presidential-office interior
  economic economy agriculture health labor justice culture education industry energy environment science
  transport military naval navy army air force associate assistant principal managing research opposition-party
  party-leader
`);

/** Capitalized words that are never part of a person's name. */
export const NON_NAME_WORDS = words(`
  The A An This That These Those After Before During When While Since Until In On At For From To Of With By As But And
  Or Nor So Yet If Although Though Because Meanwhile However Thus Also Still Yesterday Today Tomorrow Earlier Later
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
  September October November December He She It They We I You His Her Their Its Our My Your Mr Mrs Ms Dr
  President Minister Ministers Secretary Adviser Advisor Envoy Ambassador Leader Premier Chancellor Chairman
  Spokesman Spokeswoman Director Professor Governor Mayor Senator Rep Sen Gov Deputy Vice Prime Chief Special Senior
  Foreign Defense Defence Finance Trade Unification National Security Agriculture Interior Justice Health
  Ministry Agency Institute Party Center Centre Association University Council Committee Commission Department Office
  Bank Group Company Corp Corporation News Times Herald Post Daily Press Foundation Federation Union Assembly Court
  Army Navy Force Forces Administration Government Complex Declaration Peninsula Province City State States Republic
  Kingdom Sea Strait Island Islands River Hall Gate Palace House Building Hotel Dialogue Summit Forum Council Studies
  Affairs Policy Analyses Research Electronics Semiconductor Motors Industries Holdings Airlines
  North South East West Korea Korean Koreas Japan Japanese China Chinese America American Americans United Kingdom
  Australia Australian Indonesia Indonesian Germany German France French Russia Russian India Indian Europe European
  Seoul Pyongyang Washington Tokyo Beijing Berlin Moscow Bali Singapore Taiwan Ukraine Ukrainian Asia Asian Pacific
  U.S. UN EU NATO Greens Democratic Republican Conservative Liberal Labor Labour Workers
  Central International Global World Pyeongtaek Gyeonggi Bavaria Bundestag Bloomberg Reuters Yonhap AP AFP
`);

/** Last words of organization names and what kind of organization they make. */
export const ORG_HEADS: Record<string, 'GOVERNMENT' | 'MEDIA' | 'PARTY' | 'THINK_TANK' | 'COMPANY' | 'OTHER'> = {
  Ministry: 'GOVERNMENT', Department: 'GOVERNMENT', Office: 'GOVERNMENT', Commission: 'GOVERNMENT', Administration: 'GOVERNMENT',
  Assembly: 'GOVERNMENT', Agency: 'GOVERNMENT', Council: 'GOVERNMENT', Bundestag: 'GOVERNMENT', Court: 'GOVERNMENT',
  News: 'MEDIA', Times: 'MEDIA', Herald: 'MEDIA', Post: 'MEDIA', Daily: 'MEDIA', Press: 'MEDIA', Broadcasting: 'MEDIA', Wire: 'MEDIA',
  Party: 'PARTY', Greens: 'PARTY',
  Institute: 'THINK_TANK', Center: 'THINK_TANK', Centre: 'THINK_TANK', Foundation: 'THINK_TANK', Studies: 'THINK_TANK', Analyses: 'THINK_TANK', Research: 'THINK_TANK',
  Bank: 'COMPANY', Group: 'COMPANY', Company: 'COMPANY', Corp: 'COMPANY', Corporation: 'COMPANY', Electronics: 'COMPANY',
  Semiconductor: 'COMPANY', Motors: 'COMPANY', Industries: 'COMPANY', Holdings: 'COMPANY', Airlines: 'COMPANY',
  Association: 'OTHER', Federation: 'OTHER', Union: 'OTHER', University: 'OTHER', Committee: 'OTHER',
};

/** News agencies and photo services that appear as bare caption credits. */
export const MEDIA_NAMES = words(`Yonhap AP AFP Reuters EPA Xinhua Kyodo dpa Bloomberg UPI Newsis News1 Pool Imaginechina Getty Reuters-Yonhap AP-Yonhap EPA-Yonhap AFP-Yonhap`);

/** Speech verbs in every form; the value is the form's lemma. */
export const SPEECH_VERBS: Map<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (lemma: string, ...forms: string[]) => [lemma, ...forms].forEach((f) => map.set(f, lemma));
  add('say', 'says', 'said', 'saying');
  add('tell', 'tells', 'told', 'telling');
  add('add', 'adds', 'added', 'adding');
  for (const regular of ['note', 'stress', 'urge', 'warn', 'claim', 'insist', 'argue', 'explain', 'describe', 'call', 'condemn',
    'brand', 'state', 'remark', 'announce', 'declare', 'vow', 'pledge', 'promise', 'ask', 'complain', 'acknowledge', 'admit',
    'suggest', 'predict', 'caution', 'emphasize', 'emphasise', 'question', 'reiterate', 'recall', 'quip', 'concede', 'assert',
    'dismiss', 'respond', 'demand', 'criticize', 'criticise', 'praise', 'welcome', 'confirm', 'deny', 'reply', 'tweet']) {
    const stem = regular.replace(/e$/, '');
    const ed = regular.endsWith('e') ? `${regular}d` : regular.endsWith('y') ? `${regular.slice(0, -1)}ied` : `${regular}ed`;
    const s = /(?:s|sh|ch)$/.test(regular) ? `${regular}es` : regular.endsWith('y') ? `${regular.slice(0, -1)}ies` : `${regular}s`;
    add(regular, s, ed, `${stem}ing`);
  }
  add('write', 'writes', 'wrote', 'writing');
  return map;
})();

/** Nouns that report speech when a person owns them: "Kim Jong-un's earlier comment … that". */
export const SPEECH_NOUNS = words(`comment comments remark remarks statement statements message speech words warning`);

/** Plural or generic subjects that say things but are not people we can name. */
export const GENERIC_SUBJECTS = words(`experts analysts officials observers critics sources diplomats lawmakers residents people officers
  ministry company party government agency office group committee it they we`);

/**
 * Lowercase words that sit inside a name: "Ursula von der Leyen", "Luis de Guindos", "Mohammed bin
 * Abdulrahman Al Thani", "Luiz Inácio Lula da Silva". They join capitalized words into one name.
 */
export const NAME_PARTICLES = words(`de da das dos del della der den di du des la le van von ten ter bin bint ibn abu ben y zu`);

/**
 * The same particles capitalized, as they are written at the start of a sentence or of a surname
 * ("Von der Leyen said", "De Croo", "Al Thani"). "Do", "Ha" and "Le" … are also Korean or
 * Vietnamese family names, so only these count.
 */
export const CAPITALIZED_PARTICLES = words(`De Da Das Dos Del Della Der Den Di Du Des La Le Van Von Ten Ter Bin Ibn Abu Al El`);

/** Arabic article prefixes written with a hyphen: "al-Ansari", "el-Sisi", "Al-Momani". */
export const ARTICLE_PREFIX = /^(?:al|el|ad|ar|as|ash|at|az|an|ul)-(?=\p{Lu})/iu;

/** Common Korean and Chinese family names: a name that starts with one is written family name first. */
export const EAST_ASIAN_SURNAMES = words(`
  Kim Lee Park Choi Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Han Oh Seo Suh Shin Kwon Hwang Ahn An Song Yoo Yu Ryu
  Hong Jeon Jun Go Ko Moon Mun Yang Son Sohn Bae Baek Paik Heo Huh Nam Noh Roh Ha Kwak Sung Cha Joo Ju Woo Min Na Jin Ji Eom Chae
  Won Cheon Chun Bang Gong Hyun Ham Byun Yeom Yeo Chu Do So Seok Sun Seol Ma Gil Yeon Wi Pyo Myung Ki Ban Wang Geum Ok Yook Maeng
  Je Mo Tak Cheong Xi Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song Zheng Xie Han Tang
  Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren
  Fan Fang Shi Yao Tan Liao Zou Xiong Jin Qiu Qin Hou Lai Kong Yi
`);

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twice: 2 };

/** Countries, capitals and regions: they can be subjects ("Pyongyang said") but are never people. */
export const PLACE_WORDS = words(`
  North South East West Korea Koreas Japan China America United States Kingdom Australia Indonesia Germany France Russia
  India Europe Seoul Pyongyang Washington Tokyo Beijing Berlin Moscow Bali Singapore Taiwan Ukraine Asia Pacific U.S. UN EU
  Gaeseong Panmunjeom Bavaria California Woodside Brussels London Paris Jakarta Canberra Sydney Busan Incheon Pyeongtaek
  Gyeonggi Province City Peninsula Hong Kong Vietnam Philippines Thailand Canada Mexico Brazil Iran Israel Syria Iraq
  Qatar Doha Egypt Cairo Gaza Rafah Spain Madrid Morocco Rabat Netherlands Hague Amsterdam Belgium Brasilia Hanoi Vientiane
  Laos Cambodia Malaysia Myanmar Bangkok Manila Rome Italy Turkey Ankara Riyadh Tehran Kyiv Warsaw Poland Vienna Geneva
  Lebanon Beirut Pakistan Islamabad Nigeria Kenya Nairobi Argentina Chile Colombia Peru Venezuela Cuba Ottawa
`);

/** Parts of multi-word places that are also common name words: "Hong" in "Tran Hong Ha". */
export const AMBIGUOUS_PLACE_PARTS = words(`Hong`);

/** Nationality adjectives: part of titles ("South Korean Unification Minister"), never names. */
export const NATIONALITIES = words(`Korean Japanese Chinese American Australian Indonesian German French Russian Indian European
  British Canadian Ukrainian Taiwanese Vietnamese Philippine Thai Iranian Israeli Asian Qatari Egyptian Saudi Emirati
  Spanish Moroccan Dutch Belgian Brazilian Laotian Lao Cambodian Malaysian Singaporean Filipino Burmese Turkish Italian
  Polish Mexican Argentine Chilean Colombian Peruvian Venezuelan Cuban Nigerian Kenyan Pakistani Afghan Palestinian
  Jordanian Lebanese Syrian Iraqi Swedish Norwegian Danish Finnish Austrian Swiss Greek Portuguese Irish Mongolian Arab`);
