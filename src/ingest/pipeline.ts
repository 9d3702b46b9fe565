import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Collections } from '../db/collections.js';
import { findBySearchNames, hasCuratedFacts, RollbackError, storeArticleGraphOrUndo } from '../db/ingest.js';
import { parseSeedFile, SeedValidationError } from '../model/articleGraph.js';
import { IngestInputError } from './clean.js';
import { extractArticle } from './extract.js';
import { linkToKnown, lookupNames } from './link.js';

export type IngestStatus = 'INGESTED' | 'UNCHANGED' | 'KEPT_CURATED' | 'FAILED';

export interface IngestOutcome {
  file: string;
  status: IngestStatus;
  /** Why a file failed or was skipped. */
  reason: string | null;
  article: string | null;
  quotes: number;
  meetings: number;
  personsCreated: number;
  personsLinked: number;
  /** Every person the article names, as stored: created new, or linked by name to a stored person. */
  persons: { name: string; slug: string; linked: boolean }[];
}

/** One input: a name for reports and a way to read its bytes. */
export interface IngestInput {
  name: string;
  read(): Promise<Uint8Array>;
}

const failed = (file: string, reason: string): IngestOutcome => ({
  file,
  status: 'FAILED',
  reason,
  article: null,
  quotes: 0,
  meetings: 0,
  personsCreated: 0,
  personsLinked: 0,
  persons: [],
});

/**
 * Ingests one raw article: clean, extract, validate, link people to stored ones, store. Every
 * check happens before the first write; a failed write is undone (see storeArticleGraphOrUndo).
 * Never throws for a bad article — the outcome says what happened.
 */
export async function ingestRawArticle(c: Collections, raw: Uint8Array | string, file: string): Promise<IngestOutcome> {
  let extraction: ReturnType<typeof extractArticle>;
  try {
    extraction = extractArticle(raw, basename(file));
  } catch (error) {
    if (error instanceof IngestInputError) return failed(file, error.reason);
    if (error instanceof SeedValidationError)
      return failed(
        file,
        `extracted facts failed validation: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    return failed(file, `extraction error: ${(error as Error).message}`);
  }
  try {
    const slug = extraction.seed.article.slug;
    if (await hasCuratedFacts(c, slug)) {
      return {
        ...failed(file, 'a curated version of this article is stored; its facts are kept'),
        status: 'KEPT_CURATED',
        article: slug,
      };
    }
    const names = lookupNames(extraction.seed);
    const [knownPersons, knownOrganizations] = await Promise.all([
      findBySearchNames(c.persons, names.persons),
      findBySearchNames(c.organizations, names.organizations),
    ]);
    // Same-slug persons are found by their name (searchNames holds it), so one query covers both.
    const linked = linkToKnown(extraction.seed, knownPersons, knownOrganizations);
    const graph = parseSeedFile(file, linked.seed);
    const result = await storeArticleGraphOrUndo(c, graph);
    const changed = Object.values(result).some((n) => n.inserted + n.updated + n.deleted > 0);
    return {
      file,
      status: changed ? 'INGESTED' : 'UNCHANGED',
      reason: null,
      article: slug,
      quotes: graph.quotes.length,
      meetings: graph.meetings.length,
      personsCreated: result.persons.inserted,
      personsLinked: graph.persons.length - result.persons.inserted,
      persons: extraction.seed.persons.map((p) => {
        const stored = linked.linkedPersons.get(p.slug);
        return { name: p.name, slug: stored ?? p.slug, linked: stored !== undefined };
      }),
    };
  } catch (error) {
    if (error instanceof SeedValidationError)
      return failed(
        file,
        `linked facts failed validation: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    if (error instanceof RollbackError) {
      const reason = `${(error.writeFailure as Error)?.message ?? error.writeFailure}; undo: ${(error.rollbackFailure as Error)?.message ?? error.rollbackFailure}`;
      return failed(file, `write failed and the undo failed too; the article may be partly stored: ${reason}`);
    }
    return failed(file, `database write failed, nothing kept: ${(error as Error).message}`);
  }
}

/** The raw articles under a path: a file as is, a directory's `*.txt` files (recursively, sorted). */
export async function listInputs(path: string): Promise<IngestInput[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [{ name: path, read: () => readFile(path) }];
  const inputs: IngestInput[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.txt')) {
        const shown = relative(process.cwd(), full);
        inputs.push({ name: shown && !shown.startsWith('..') ? shown : full, read: () => readFile(full) });
      }
    }
  };
  await walk(path);
  return inputs;
}

/** Ingests inputs one after another (each article is validated and written on its own). */
export async function ingestInputs(
  c: Collections,
  inputs: IngestInput[],
  onDone?: (outcome: IngestOutcome) => void,
): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const input of inputs) {
    let outcome: IngestOutcome;
    try {
      outcome = await ingestRawArticle(c, await input.read(), input.name);
    } catch (error) {
      outcome = failed(input.name, `cannot read: ${(error as Error).message}`);
    }
    outcomes.push(outcome);
    onDone?.(outcome);
  }
  return outcomes;
}

export interface IngestSummary {
  files: number;
  ingested: number;
  unchanged: number;
  keptCurated: number;
  quotes: number;
  meetings: number;
  personsCreated: number;
  personsLinked: number;
  failures: { file: string; reason: string }[];
  /** What each stored article gave: its slug, counts and persons. */
  articles: Pick<IngestOutcome, 'file' | 'article' | 'status' | 'quotes' | 'meetings' | 'persons'>[];
}

export function summarize(outcomes: IngestOutcome[]): IngestSummary {
  const ok = outcomes.filter((o) => o.status === 'INGESTED' || o.status === 'UNCHANGED');
  return {
    files: outcomes.length,
    ingested: outcomes.filter((o) => o.status === 'INGESTED').length,
    unchanged: outcomes.filter((o) => o.status === 'UNCHANGED').length,
    keptCurated: outcomes.filter((o) => o.status === 'KEPT_CURATED').length,
    quotes: ok.reduce((n, o) => n + o.quotes, 0),
    meetings: ok.reduce((n, o) => n + o.meetings, 0),
    personsCreated: ok.reduce((n, o) => n + o.personsCreated, 0),
    personsLinked: ok.reduce((n, o) => n + o.personsLinked, 0),
    failures: outcomes
      .filter((o) => o.status === 'FAILED')
      .map((o) => ({ file: o.file, reason: o.reason ?? 'unknown' })),
    articles: ok.map(({ file, article, status, quotes, meetings, persons }) => ({
      file,
      article,
      status,
      quotes,
      meetings,
      persons,
    })),
  };
}

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `files      ${s.files}`,
    `articles   ${s.ingested} ingested, ${s.unchanged} unchanged${s.keptCurated ? `, ${s.keptCurated} kept as curated` : ''}`,
    `quotes     ${s.quotes}`,
    `meetings   ${s.meetings}`,
    `persons    ${s.personsCreated} created, ${s.personsLinked} linked to known persons`,
    `failures   ${s.failures.length}`,
    ...s.failures.map((f) => `  ${f.file}: ${f.reason}`),
    ...s.articles.flatMap((a) => {
      const names = (linked: boolean) =>
        a.persons
          .filter((p) => p.linked === linked)
          .map((p) => (linked ? `${p.name} (${p.slug})` : p.name))
          .join(', ') || '-';
      return [
        `${a.file} → ${a.article} (${a.status.toLowerCase()}): ${a.quotes} quotes, ${a.meetings} meetings`,
        `  persons created: ${names(false)}`,
        `  persons linked by name: ${names(true)}`,
      ];
    }),
  ];
  return lines.join('\n');
}
