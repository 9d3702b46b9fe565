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
  councilor councillor commissioner chief-of-staff undersecretary under-secretary aide strategist scholar expert
  secretary-general director-general vice-chancellor chairperson president-designate premier-designate
  sheikh sheikha emir amir sultan crown-prince imam ayatollah mufti rabbi cardinal archbishop bishop reverend rev.
  pastor lord lady sir dame baron baroness duke duchess colonel col. lt. brig. maj. capt. sgt. marshal
  gen. adm. cmdr. cdr. gens. lt.-gen. maj.-gen. brig.-gen. supt. insp. amb. pres. sec. atty. hon. rev. fr. messrs.
  lieutenant captain sergeant brigadier commodore corporal
  coordinator co-ordinator administrator manager officer treasurer controller auditor registrar ombudsman rapporteur
  delegate consul attaché mediator moderator organizer organiser activist campaigner candidate incumbent challenger
  nominee co-founder cofounder partner dean rector provost trustee investor entrepreneur banker trader superintendent
  inspector cfo coo cto cio chieftain
`);

/** Words that may sit inside a title before its head: "U.S. special envoy", "senior fellow". */
export const TITLE_MODIFIERS = words(`
  special senior junior chief deputy vice acting former first top foreign defense finance trade unification national
  security presidential prime executive general main opposition ruling state government presidential-office interior
  economic economy agriculture health labor justice culture education industry energy environment science
  transport military naval navy army air force associate assistant principal managing research opposition-party
  party-leader veteran longtime long-time outgoing incoming interim retired current newly rival resident regional country
  mission press communications corporate development financial operating technology marketing sales public legal police
  armed central federal provincial local municipal humanitarian permanent managing
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
  U.S. UN EU NATO Democratic Republican Conservative Liberal Labor Labour Workers
  Central International Global World Bloomberg Reuters Yonhap AP AFP
`);

/** Last words of organization names and what kind of organization they make. */
export const ORG_HEADS: Record<string, 'GOVERNMENT' | 'MEDIA' | 'PARTY' | 'THINK_TANK' | 'COMPANY' | 'OTHER'> = {
  Ministry: 'GOVERNMENT',
  Department: 'GOVERNMENT',
  Office: 'GOVERNMENT',
  Commission: 'GOVERNMENT',
  Administration: 'GOVERNMENT',
  Assembly: 'GOVERNMENT',
  Agency: 'GOVERNMENT',
  Council: 'GOVERNMENT',
  Court: 'GOVERNMENT',
  News: 'MEDIA',
  Times: 'MEDIA',
  Herald: 'MEDIA',
  Post: 'MEDIA',
  Daily: 'MEDIA',
  Press: 'MEDIA',
  Broadcasting: 'MEDIA',
  Wire: 'MEDIA',
  Party: 'PARTY',
  Institute: 'THINK_TANK',
  Center: 'THINK_TANK',
  Centre: 'THINK_TANK',
  Foundation: 'THINK_TANK',
  Studies: 'THINK_TANK',
  Analyses: 'THINK_TANK',
  Research: 'THINK_TANK',
  Bank: 'COMPANY',
  Group: 'COMPANY',
  Company: 'COMPANY',
  Corp: 'COMPANY',
  Corporation: 'COMPANY',
  Electronics: 'COMPANY',
  Semiconductor: 'COMPANY',
  Motors: 'COMPANY',
  Industries: 'COMPANY',
  Holdings: 'COMPANY',
  Airlines: 'COMPANY',
  Association: 'OTHER',
  Federation: 'OTHER',
  Union: 'OTHER',
  University: 'OTHER',
  Committee: 'OTHER',
  Authority: 'GOVERNMENT',
  Board: 'GOVERNMENT',
  Bureau: 'GOVERNMENT',
  Secretariat: 'GOVERNMENT',
  Police: 'GOVERNMENT',
  Fund: 'OTHER',
  Organization: 'OTHER',
  Organisation: 'OTHER',
  Alliance: 'OTHER',
  Coalition: 'OTHER',
  Movement: 'OTHER',
  League: 'OTHER',
  Labs: 'COMPANY',
  Systems: 'COMPANY',
  Technologies: 'COMPANY',
  Inc: 'COMPANY',
  Ltd: 'COMPANY',
  Partners: 'COMPANY',
};

/**
 * Roles a company or another body has, written right after its name and before a person's:
 * "Kelpway co-founder and chief executive Mira Cruz", "Norvex spokeswoman Ada Lim". A capitalized
 * word before one of these names the organization, not a person.
 */
export const ORG_ROLES =
  words(`co-founder cofounder founder chief executive ceo cfo coo cto spokesman spokeswoman spokesperson
  chairman chairwoman chair president director head manager analyst economist strategist official executive board partner
  general counsel owner`);

/**
 * One-word names of national legislatures (many countries): "told the Bundestag", "in the Knesset".
 * They are organizations on their own, without a head word after them.
 */
export const LEGISLATURES =
  words(`Parliament Congress Senate Assembly Legislature Bundestag Bundesrat Nationalrat Landtag
  Duma Knesset Diet Majlis Sejm Storting Stortinget Riksdag Eduskunta Folketing Althing Oireachtas Dáil Seanad Congreso
  Senado Parlamento Parlement Parlament Rada Saeima Seimas Riigikogu Sabor Hluttaw Khural Kurultai Mejlis Majilis Sansad`);

/** News agencies and photo services that appear as bare caption credits. */
export const MEDIA_NAMES = words(
  `Yonhap AP AFP Reuters EPA Xinhua Kyodo dpa Bloomberg UPI Newsis News1 Pool Imaginechina Getty`,
);

/** Speech verbs in every form; the value is the form's lemma. */
export const SPEECH_VERBS: Map<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (lemma: string, ...forms: string[]) => [lemma, ...forms].forEach((f) => map.set(f, lemma));
  add('say', 'says', 'said', 'saying');
  add('tell', 'tells', 'told', 'telling');
  add('add', 'adds', 'added', 'adding');
  for (const regular of [
    'note',
    'stress',
    'urge',
    'warn',
    'claim',
    'insist',
    'argue',
    'explain',
    'describe',
    'call',
    'condemn',
    'brand',
    'state',
    'remark',
    'announce',
    'declare',
    'vow',
    'pledge',
    'promise',
    'ask',
    'complain',
    'acknowledge',
    'admit',
    'suggest',
    'predict',
    'caution',
    'emphasize',
    'emphasise',
    'question',
    'reiterate',
    'recall',
    'quip',
    'concede',
    'assert',
    'dismiss',
    'respond',
    'demand',
    'criticize',
    'criticise',
    'praise',
    'welcome',
    'confirm',
    'deny',
    'reply',
    'tweet',
  ]) {
    const stem = regular.replace(/e$/, '');
    const ed = regular.endsWith('e')
      ? `${regular}d`
      : regular.endsWith('y')
        ? `${regular.slice(0, -1)}ied`
        : `${regular}ed`;
    const s = /(?:s|sh|ch)$/.test(regular)
      ? `${regular}es`
      : regular.endsWith('y')
        ? `${regular.slice(0, -1)}ies`
        : `${regular}s`;
    add(regular, s, ed, `${stem}ing`);
  }
  add('write', 'writes', 'wrote', 'writing');
  return map;
})();

/** Nouns that report speech when a person owns them: "Kim Jong-un's earlier comment … that". */
export const SPEECH_NOUNS = words(`comment comments remark remarks statement statements message speech words warning`);

/** Plural or generic subjects that say things but are not people we can name. */
export const GENERIC_SUBJECTS =
  words(`experts analysts officials observers critics sources diplomats lawmakers residents people officers
  ministry company party government agency office group committee it they we`);

/**
 * Lowercase words that sit inside a name: "Ursula von der Leyen", "Luis de Guindos", "Mohammed bin
 * Abdulrahman Al Thani", "Luiz Inácio Lula da Silva". They join capitalized words into one name.
 */
export const NAME_PARTICLES = words(
  `de da das dos del della der den di du des la le van von ten ter bin bint ibn abu ben y zu`,
);

/**
 * The same particles capitalized, as they are written at the start of a sentence or of a surname
 * ("Von der Leyen said", "De Croo", "Al Thani"). "Do", "Ha" and "Le" … are also Korean or
 * Vietnamese family names, so only these count.
 */
export const CAPITALIZED_PARTICLES = words(
  `De Da Das Dos Del Della Der Den Di Du Des La Le Van Von Ten Ter Bin Ibn Abu Al El`,
);

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
export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twice: 2,
};

/**
 * Countries, capitals, major cities and world regions: they can be subjects ("Pyongyang said") but
 * are never people. A general gazetteer, not a list of the places some article mentions; words
 * that are also common given or family names (Sydney, Victoria, Jordan, Chad, Georgia, Santiago)
 * are left out. Places missing here are found by context (see `placeTokenStarts` in entities.ts).
 */
export const PLACE_WORDS = words(`
  North South East West Province City Peninsula Asia Europe Africa America Americas Oceania Pacific Atlantic Arctic
  Antarctica Eurasia Caribbean Balkans Scandinavia Mideast U.S. UN EU
  Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain Bangladesh
  Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon
  Canada Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia
  Eswatini Ethiopia Fiji Finland France Gabon Gambia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras
  Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Kazakhstan Kenya Kiribati Korea Koreas
  Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar
  Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco
  Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama
  Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore
  Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo
  Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican Venezuela Vietnam Yemen
  Zambia Zimbabwe Britain England Scotland Wales Greenland Tibet Xinjiang Crimea Gaza Kashmir Kurdistan Timor-Leste
  Kabul Tirana Algiers Luanda Yerevan Canberra Vienna Baku Manama Dhaka Minsk Brussels Thimphu Sarajevo Gaborone
  Brasilia Brasília Ouagadougou Bujumbura Yaounde Ottawa Bangui Beijing Bogota Bogotá Kinshasa Brazzaville Zagreb
  Havana Nicosia Prague Copenhagen Quito Cairo Asmara Tallinn Helsinki Paris Libreville Banjul Tbilisi Berlin
  Accra Athens Conakry Budapest Reykjavik Delhi Jakarta Tehran Baghdad Dublin Jerusalem Rome Tokyo Amman Astana Nairobi
  Pristina Bishkek Vientiane Riga Beirut Monrovia Tripoli Vilnius Antananarivo Lilongwe Bamako Valletta Nouakchott
  Chisinau Ulaanbaatar Podgorica Rabat Maputo Naypyidaw Windhoek Kathmandu Amsterdam Hague Managua Niamey Abuja
  Pyongyang Skopje Oslo Muscat Islamabad Asuncion Asunción Lima Manila Warsaw Lisbon Doha Bucharest Moscow Kigali
  Riyadh Dakar Belgrade Freetown Bratislava Ljubljana Mogadishu Pretoria Seoul Juba Madrid Khartoum Paramaribo
  Stockholm Bern Damascus Taipei Dushanbe Dodoma Bangkok Dili Lome Tunis Ankara Ashgabat Kampala Kyiv Kiev London
  Washington Montevideo Tashkent Caracas Hanoi Sanaa Lusaka Harare
  Shanghai Guangzhou Shenzhen Chongqing Tianjin Wuhan Chengdu Nanjing Hangzhou Xiamen Macau Macao Osaka Kyoto Yokohama
  Nagoya Sapporo Fukuoka Hiroshima Nagasaki Okinawa Busan Incheon Daegu Daejeon Gwangju Ulsan Mumbai Bombay Kolkata
  Chennai Bangalore Bengaluru Hyderabad Karachi Lahore Istanbul Dubai Jeddah Mecca Casablanca 
  Johannesburg Durban Melbourne Brisbane Perth Auckland Toronto Montreal Vancouver Chicago Boston
  Miami Seattle Atlanta Detroit Dallas Philadelphia Barcelona Naples Munich Frankfurt Hamburg Cologne Geneva
  Zurich Lyon Marseille Manchester Birmingham Glasgow Edinburgh Rotterdam Antwerp Krakow Odesa Odessa Kharkiv Bali
  Surabaya Bandung Davos Strasbourg Luxembourg California Texas Florida Hawaii Alaska Bavaria Normandy Siberia
`);

/**
 * Places of more than one word, matched as units: "Hong" alone is a name word ("Tran Hong Ha"),
 * "Hong Kong" is a place.
 */
export const MULTI_WORD_PLACES = [
  'Hong Kong',
  'New York',
  'New Delhi',
  'New Zealand',
  'Kuala Lumpur',
  'Buenos Aires',
  'Abu Dhabi',
  'Tel Aviv',
  'São Paulo',
  'Sao Paulo',
  'Rio de Janeiro',
  'Los Angeles',
  'San Francisco',
  'San Diego',
  'Las Vegas',
  'Phnom Penh',
  'Ho Chi Minh City',
  'Addis Ababa',
  'Mexico City',
  'Cape Town',
  'Saudi Arabia',
  'Sri Lanka',
  'South Africa',
  'Costa Rica',
  'El Salvador',
  'Puerto Rico',
  'Kuwait City',
  'Dar es Salaam',
  'Panama City',
  'Guatemala City',
  'West Bank',
  'Gaza Strip',
  'Middle East',
  'Southeast Asia',
  'Port Moresby',
  'Santo Domingo',
  'San José',
  'San Jose',
  'Ivory Coast',
  'Czech Republic',
  'Dominican Republic',
  'United Arab Emirates',
  'Papua New Guinea',
  'Sierra Leone',
  'Burkina Faso',
  'East Timor',
  'North Macedonia',
  'Trinidad and Tobago',
  'Bosnia and Herzegovina',
  'Equatorial Guinea',
  'Marshall Islands',
  'Solomon Islands',
  'Sri Jayawardenepura Kotte',
  'Bandar Seri Begawan',
  'Port Louis',
  'Le Havre',
  'La Paz',
  'Santa Cruz',
  'United States',
  'United Kingdom',
  'Inner Mongolia',
  'Rio Grande',
  'Nur-Sultan',
  'Tel Aviv-Yafo',
  'St. Petersburg',
];

/** Nationality adjectives: part of titles ("South Korean Unification Minister"), never names. */
export const NATIONALITIES =
  words(`Korean Japanese Chinese American Australian Indonesian German French Russian Indian European
  British Canadian Ukrainian Taiwanese Vietnamese Philippine Thai Iranian Israeli Asian Qatari Egyptian Saudi Emirati
  Spanish Moroccan Dutch Belgian Brazilian Laotian Lao Cambodian Malaysian Singaporean Filipino Burmese Turkish Italian
  Polish Mexican Argentine Chilean Colombian Peruvian Venezuelan Cuban Nigerian Kenyan Pakistani Afghan Palestinian
  Jordanian Lebanese Syrian Iraqi Swedish Norwegian Danish Finnish Austrian Swiss Greek Portuguese Irish Mongolian Arab`);
