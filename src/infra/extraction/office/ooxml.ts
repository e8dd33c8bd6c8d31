import { posix } from 'node:path';
import { attr, walk } from './xml';
import type { Package } from './zip';

// Office Open XML (DOCX, XLSX, PPTX): parts of a ZIP package, linked by relationships.

export interface Relationship {
  id: string;
  type: string;
  /** The target part's name in the package. */
  target: string;
}

/** The relationships of an OOXML part (internal targets only). */
export async function relationships(pkg: Package, part: string): Promise<Relationship[]> {
  const dir = posix.dirname(part);
  const xml = await pkg.read(posix.join(dir, '_rels', `${posix.basename(part)}.rels`));
  const out: Relationship[] = [];
  walk(xml ?? '', (t) => {
    if (t.end || t.name !== 'Relationship' || attr(t.attrs, 'TargetMode') === 'External') return;
    const [id, type, target] = [attr(t.attrs, 'Id'), attr(t.attrs, 'Type'), attr(t.attrs, 'Target')];
    if (id === null || type === null || target === null) return;
    let name = target;
    try {
      name = decodeURIComponent(target);
    } catch {
      // Not percent-encoded after all.
    }
    out.push({ id, type, target: name.startsWith('/') ? name.slice(1) : posix.normalize(posix.join(dir, name)) });
  });
  return out;
}

export const ofType = (rels: Relationship[], type: string): Relationship[] => rels.filter((r) => r.type.endsWith(`/${type}`));
