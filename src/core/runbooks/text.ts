// Small text helpers shared by the parsers and matching.

/** `Data retention` -> `data-retention`; keeps letters of any script so non-English headings get ids too. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[`*_~[\]()<>"'!?.,:;{}|\\/#@$%^&+=—–]/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
  return slug || 'section';
}

/** Makes ids unique within one runbook: `check`, `check-2`, `check-3`. */
export class IdAllocator {
  private readonly used = new Map<string, number>();

  take(base: string): string {
    const seen = this.used.get(base);
    if (seen === undefined) {
      this.used.set(base, 1);
      return base;
    }
    let n = seen + 1;
    while (this.used.has(`${base}-${n}`)) {
      n++;
    }
    this.used.set(base, n);
    this.used.set(`${base}-${n}`, 1);
    return `${base}-${n}`;
  }
}

/** Inline Markdown to plain words: code spans, emphasis, links and images reduced to their text. */
export function plainInline(text: string): string {
  if (!/[`*_[!<]/.test(text)) {
    return text.replace(/\s+/g, ' ').trim(); // most lines have no inline markup: skip the regex chain
  }
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The last path segment without its extension: `docs/runbooks/Disk-Full.runbook.md` -> `Disk-Full`. */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.runbook\.(md|markdown|ya?ml)$/i, '').replace(/\.(md|markdown|ya?ml)$/i, '');
}

/** `disk-full` / `disk_full` -> `Disk full`. */
export function humanize(stem: string): string {
  const words = stem.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : stem;
}

const STOP_WORDS = new Set(
  ('the a an and or of to in on for is are be was were it its this that with by at from as not no if then ' +
    'when what how why which who can may might will should must do does did has have had been being into ' +
    'than too very more most some any all each other over under after before up down out about also only ' +
    'there their them they we you your our us').split(' '),
);

/** Lower-case word stems for text matching: stop words dropped, a trailing plural `s` removed. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || /^\d+$/.test(raw)) {
      continue;
    }
    out.push(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
}

/** Splits CamelCase identifiers (alert names) into words: `CheckoutDBPoolExhausted` -> `Checkout DB Pool Exhausted`. */
export function splitCamel(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}
