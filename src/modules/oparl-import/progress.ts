import { describeFileText } from '../files/file-text';
import type { ImportProgress, ImportSummary } from './importer';

const WIDTH = 30;

/** A one-line progress bar on a terminal; plain lines (one per phase) elsewhere. */
export class ProgressBar {
  private current = '';
  private lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(p: ImportProgress): void {
    const key = `${p.phase} ${p.label}`;
    const finished = p.total !== null && p.done >= p.total;
    if (!this.out.isTTY) {
      if (key !== this.current) this.out.write(`${p.phase === 'crawl' ? 'reading' : p.phase === 'write' ? 'writing' : 'downloading'} ${p.label}…\n`);
      this.current = key;
      return;
    }
    const now = Date.now();
    if (key === this.current && !finished && now - this.lastDraw < 100) return;
    if (key !== this.current && this.current) this.out.write('\n');
    this.current = key;
    this.lastDraw = now;
    const ratio = p.total ? Math.min(1, p.done / p.total) : 0;
    const filled = Math.round(ratio * WIDTH);
    const bar = p.total ? `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}]` : '[…]';
    const unit = p.phase === 'crawl' ? 'pages' : 'records';
    this.out.write(`\r${p.phase.padEnd(8)} ${p.label.padEnd(16)} ${bar} ${p.done}${p.total !== null ? `/${p.total}` : ''} ${unit}\x1b[K`);
  }

  end(): void {
    if (this.out.isTTY && this.current) this.out.write('\n');
    this.current = '';
  }
}

/** The closing report: counts per type, failures, dangling references, warnings, file bytes and text. */
export function formatSummary(s: ImportSummary): string {
  const lines: string[] = [];
  lines.push(`Imported OParl ${s.version} from ${s.source} into body "${s.body.slug}"${s.body.created ? ' (created)' : ''}${s.modifiedSince ? `, changes since ${s.modifiedSince}` : ''}, ${s.seconds.toFixed(1)} s`);
  lines.push('');
  lines.push(`${'type'.padEnd(18)}${['new', 'updated', 'unchanged', 'deleted', 'failed'].map((h) => h.padStart(10)).join('')}`);
  for (const [kind, c] of Object.entries(s.counts)) {
    if (!c || c.new + c.updated + c.unchanged + c.deleted + c.failed === 0) continue;
    lines.push(`${kind.padEnd(18)}${[c.new, c.updated, c.unchanged, c.deleted, c.failed].map((v) => String(v).padStart(10)).join('')}`);
  }
  if (s.failures.length) {
    lines.push('', `Objects that could not be imported (${s.failures.length}):`);
    for (const f of s.failures.slice(0, 20)) lines.push(`  ${f.kind} ${f.id}: ${f.reason}`);
  }
  if (s.dangling.length) {
    lines.push('', 'Dangling references (the source links to objects it does not deliver):');
    for (const d of s.dangling) {
      lines.push(`  ${d.kind}.${d.field}: ${d.count}`);
      for (const e of d.examples) lines.push(`    ${e.from} → ${e.to}`);
    }
  } else lines.push('', 'No dangling references.');
  if (s.warnings.length) {
    lines.push('', 'Warnings:');
    for (const w of s.warnings) lines.push(`  ${w}`);
  }
  if (s.downloads) {
    const d = s.downloads;
    const again = d.refetched ? ` (${d.refetched} of them again, as their source changed)` : '';
    lines.push('', `File bytes: ${d.downloaded} downloaded${again}, ${d.tooLarge} over the size cap, ${d.refused} of a type not accepted, ${d.failed} failed`);
    for (const f of d.failures.slice(0, 10)) lines.push(`  ${f.url}: ${f.reason}`);
  }
  lines.push('', `File text: ${describeFileText(s.text)}`);
  return lines.join('\n');
}
