/** Plain-text tables for terminal output: columns padded to their widest cell, long cells wrapped. */

export interface Column {
  header: string;
  /** Cells longer than this wrap onto further lines (at spaces where possible). */
  maxWidth?: number;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (let rest = word; rest.length; ) {
        const room = line ? width - line.length - 1 : width;
        if (rest.length <= room) {
          line = line ? `${line} ${rest}` : rest;
          rest = '';
        } else if (line) {
          lines.push(line);
          line = '';
        } else {
          // A single word wider than the column is cut.
          lines.push(rest.slice(0, width));
          rest = rest.slice(width);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

export function formatTable(columns: Column[], rows: string[][]): string {
  const cells = rows.map((row) => columns.map((col, i) => wrap(row[i] ?? '', col.maxWidth ?? Number.MAX_SAFE_INTEGER)));
  const widths = columns.map((col, i) =>
    Math.max(col.header.length, ...cells.map((row) => Math.max(...row[i]!.map((l) => l.length)))),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of cells) {
    const height = Math.max(...row.map((c) => c.length));
    for (let j = 0; j < height; j++) out.push(line(row.map((c) => c[j] ?? '')));
  }
  return out.join('\n');
}
