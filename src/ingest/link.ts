import type { SeedFile } from '../model/articleGraph.js';

/** What linking needs to know about a stored person or organization. */
export interface KnownEntity {
  slug: string;
  name: string;
  role?: string | null;
  aliases: string[];
  searchNames: string[];
}

export interface LinkResult {
  seed: SeedFile;
  /** Extracted slug → stored slug, for every extracted person that is a known one. */
  linkedPersons: Map<string, string>;
  linkedOrganizations: Map<string, string>;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'for',
  'at',
  'in',
  'from',
  'and',
  'to',
  'u.s.',
  'byline',
  'caption',
  'credit',
]);
const roleWords = (text: string | null | undefined) =>
  new Set(
    (text ?? '')
      .toLowerCase()
      .split(/[\s,()]+/)
      .map((w) => w.replace(/['’]s$/, ''))
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );

/** Roles agree when either is unknown or they share a word ("Unification Minister" / "South Korean Unification Minister"). */
function rolesAgree(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  return [...a].some((w) => b.has(w));
}

/** The names under which an extracted person can be looked up: its name and multi-word aliases. */
export function lookupNames(seed: SeedFile): { persons: string[]; organizations: string[] } {
  const persons = seed.persons.flatMap((p) => [
    p.name,
    ...(p.aliases ?? []).filter((a) => a.includes(' ') || p.name.split(' ').length === 1),
  ]);
  const organizations = (seed.organizations ?? []).flatMap((o) => [o.name, ...(o.aliases ?? [])]);
  return { persons: persons.map((n) => n.toLowerCase()), organizations: organizations.map((n) => n.toLowerCase()) };
}

/**
 * Links extracted persons to stored ones: the same slug; else a stored person whose name or alias
 * is this person's name (or one of its titled aliases, "President Moon") and whose role agrees.
 * When several stored persons fit equally, nothing is linked — a new person is safer than a
 * wrong merge. Linked persons take the stored slug, name and role; the extracted name is kept as
 * an alias. Organizations link by name or alias the same way.
 */
export function linkToKnown(
  seed: SeedFile,
  knownPersons: KnownEntity[],
  knownOrganizations: KnownEntity[],
): LinkResult {
  const linkedPersons = new Map<string, string>();
  const linkedOrganizations = new Map<string, string>();
  const bySlug = new Map(knownPersons.map((p) => [p.slug, p]));
  for (const person of seed.persons) {
    if (bySlug.has(person.slug)) {
      linkedPersons.set(person.slug, person.slug);
      continue;
    }
    // Role words only: the names inside titled aliases ("President Moon") say nothing about the role.
    const withoutNames = (words: Set<string>, ...names: string[]) => {
      const nameWords = new Set(names.flatMap((n) => n.toLowerCase().split(/\s+/)));
      return new Set([...words].filter((w) => !nameWords.has(w)));
    };
    const mine = withoutNames(
      roleWords([person.role, ...(person.aliases ?? []).filter((a) => a.includes(' '))].join(' ')),
      person.name,
      ...(person.aliases ?? []).filter((a) => !a.includes(' ')),
    );
    const theirs = (k: KnownEntity) =>
      withoutNames(
        roleWords([k.role, ...k.aliases].join(' ')),
        k.name,
        person.name,
        ...k.aliases.filter((a) => !a.includes(' ')),
      );
    const names = [
      person.name,
      ...(person.aliases ?? []).filter((a) => a.split(' ').length > 1 && a !== person.name),
    ].map((n) => n.toLowerCase());
    for (const name of names) {
      const fitting = knownPersons.filter((k) => k.searchNames.includes(name) && rolesAgree(mine, theirs(k)));
      // A bare surname ("Biden") needs a role in common, not just no disagreement.
      const strict =
        person.name.split(' ').length === 1
          ? fitting.filter((k) => mine.size > 0 && [...mine].some((w) => theirs(k).has(w)))
          : fitting;
      if (strict.length === 1) {
        linkedPersons.set(person.slug, strict[0]!.slug);
        break;
      }
      if (strict.length > 1) break;
    }
  }
  const orgBySlug = new Map(knownOrganizations.map((o) => [o.slug, o]));
  for (const org of seed.organizations ?? []) {
    if (orgBySlug.has(org.slug)) continue;
    const fitting = knownOrganizations.filter((k) =>
      [org.name, ...(org.aliases ?? [])].some((n) => k.searchNames.includes(n.toLowerCase())),
    );
    if (fitting.length === 1) linkedOrganizations.set(org.slug, fitting[0]!.slug);
  }

  const personSlug = (s: string) => linkedPersons.get(s) ?? s;
  const orgSlug = (s: string) => linkedOrganizations.get(s) ?? s;
  const persons = new Map<string, SeedFile['persons'][number]>();
  for (const p of seed.persons) {
    const slug = personSlug(p.slug);
    const known = slug !== p.slug || bySlug.has(slug) ? knownPersons.find((k) => k.slug === slug) : undefined;
    const base =
      persons.get(slug) ??
      (known
        ? { slug, name: known.name, role: known.role ?? p.role ?? null, aliases: [], organizations: [] }
        : { ...p, aliases: [], organizations: [] });
    const aliases = new Set([...(base.aliases ?? []), ...(p.aliases ?? []), ...(p.name !== base.name ? [p.name] : [])]);
    aliases.delete(base.name);
    persons.set(slug, {
      ...base,
      aliases: [...aliases],
      organizations: [...new Set([...(base.organizations ?? []), ...(p.organizations ?? []).map(orgSlug)])],
    });
  }
  const organizations = new Map<string, NonNullable<SeedFile['organizations']>[number]>();
  for (const o of seed.organizations ?? []) {
    const slug = orgSlug(o.slug);
    const known = knownOrganizations.find((k) => k.slug === slug);
    if (!organizations.has(slug))
      organizations.set(
        slug,
        known && slug !== o.slug
          ? { slug, name: known.name, aliases: [o.name], kind: o.kind ?? 'OTHER' }
          : { ...o, slug },
      );
  }
  const meetings = (seed.meetings ?? []).flatMap((m) => {
    const participants = [...new Set(m.participants.map(personSlug))];
    return participants.length >= 2 ? [{ ...m, participants }] : [];
  });
  return {
    linkedPersons,
    linkedOrganizations,
    seed: {
      ...seed,
      organizations: [...organizations.values()],
      persons: [...persons.values()],
      quotes: (seed.quotes ?? []).map((q) => ({
        ...q,
        speaker: personSlug(q.speaker),
        ...(q.addressee ? { addressee: personSlug(q.addressee) } : {}),
        ...(q.reportedBy
          ? {
              reportedBy: q.reportedBy.person
                ? { person: personSlug(q.reportedBy.person) }
                : { organization: orgSlug(q.reportedBy.organization!) },
            }
          : {}),
      })),
      meetings,
    },
  };
}
