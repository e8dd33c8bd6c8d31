import type { Crawl, EmbeddedType, ListName } from './crawl';
import { isObject, Json, JsonObject } from './json';
import * as n from './normalize';

/**
 * Merges the Body's lists of embedded types (OParl 1.1 `agendaItem`, `consultation`, `file`,
 * `membership`, `legislativeTermList`) into the objects that embed them, before mapping:
 *
 * - an object the crawl already holds embedded gets the fields its embedded copy lacks
 *   (File.text is the spool's business, see text-spool.ts); where both have a value, the
 *   copy with the later `modified` wins (embedded objects and lists stay where they are);
 * - an object only in the list takes the place where its parent names it by URL, or else is
 *   appended to the parents its back-references name (AgendaItem.meeting; Consultation
 *   .paper; File.paper, .meeting, .agendaItem; Membership.person), agenda items and
 *   consultations in their `order`;
 * - what has no parent in the crawl is an orphan: an incremental run fetches the parents
 *   (see the importer), otherwise it is reported.
 *
 * It also tells the mapper whether the parents give all their children of a type, so that
 * children they no longer name can be deleted (see `childrenKnown`).
 */

export type ParentType = 'person' | 'meeting' | 'paper' | 'agendaItem';

/** An object whose parent is not in the crawl; `parents` are what its back-references name. */
export interface Orphan {
  type: EmbeddedType;
  obj: JsonObject;
  parents: { type: ParentType; id: string }[];
}

/** Where a child its parent does not name is appended, per parent type. */
const APPEND_TO: Record<Exclude<EmbeddedType, 'legislativeTerm'>, Partial<Record<ParentType, string>>> = {
  membership: { person: 'membership' },
  agendaItem: { meeting: 'agendaItem' },
  consultation: { paper: 'consultation' },
  file: { paper: 'auxiliaryFile', meeting: 'auxiliaryFile', agendaItem: 'auxiliaryFile' },
};

/** The back-reference of a child to parents of a type, as the child names it. */
const BACK_REFERENCES: Record<Exclude<EmbeddedType, 'legislativeTerm'>, Partial<Record<ParentType, string>>> = {
  membership: { person: 'person' },
  agendaItem: { meeting: 'meeting' },
  consultation: { paper: 'paper' },
  file: { paper: 'paper', meeting: 'meeting', agendaItem: 'agendaItem' },
};

/** Which crawl list holds parents of a top-level type. */
export const LIST_OF: Record<Exclude<ParentType, 'agendaItem'>, ListName> = { person: 'person', meeting: 'meeting', paper: 'paper' };

/** Child fields of each parent type, with the type they hold: what the mapper checks for completeness. */
export const CHILD_FIELDS: Record<ParentType, [string, EmbeddedType][]> = {
  person: [['membership', 'membership']],
  meeting: [
    ['agendaItem', 'agendaItem'],
    ['invitation', 'file'],
    ['resultsProtocol', 'file'],
    ['verbatimProtocol', 'file'],
    ['auxiliaryFile', 'file'],
  ],
  paper: [
    ['consultation', 'consultation'],
    ['mainFile', 'file'],
    ['auxiliaryFile', 'file'],
  ],
  agendaItem: [
    ['resolutionFile', 'file'],
    ['auxiliaryFile', 'file'],
  ],
};

const modifiedOf = (obj: JsonObject): number => (typeof obj.modified === 'string' ? Date.parse(obj.modified) || 0 : 0);

/** Embedded objects or lists of them: the merger keeps track of those where they are. */
const holdsObjects = (value: Json | undefined): boolean => isObject(value) || (Array.isArray(value) && value.some(isObject));

/** Fills the fields `copy` lacks from `standalone`; where both have a plain value, the later `modified` wins. */
export function fill(copy: JsonObject, standalone: JsonObject): void {
  const newer = modifiedOf(standalone) > modifiedOf(copy);
  for (const key of Object.keys(standalone)) {
    if (key === 'id') continue;
    const value = copy[key];
    if (value === undefined || value === null || (newer && !holdsObjects(value))) copy[key] = standalone[key];
  }
}

export class EmbeddedMerger {
  /** Every embedded object in the crawl, by type and id (files embedded twice have two copies). */
  private readonly copies = new Map<EmbeddedType, Map<string, JsonObject[]>>();
  private readonly parents = new Map<ParentType, Map<string, JsonObject>>();
  /** Children that parents name only by URL: where (parent and field). */
  private readonly named = new Map<string, { parent: JsonObject; field: string }[]>();
  /** Children appended to a parent field, placed in order at the end. */
  private readonly appended = new Map<JsonObject, Map<string, JsonObject[]>>();
  /** Types of which the lists held objects that their parent in the crawl does not name. */
  private readonly unmentioned = new Set<EmbeddedType>();
  /** Ids of the objects of each type that came as standalone objects (from a list, or fetched). */
  private readonly standalone = new Map<EmbeddedType, Set<string>>();

  /** `embedsAll`: what the last runs learnt, per type: whether the source's parents name every object of its list. */
  constructor(
    private readonly crawl: Crawl,
    private readonly embedsAll: Partial<Record<EmbeddedType, boolean>> = {},
  ) {
    for (const term of n.objects(crawl.body.legislativeTerm)) this.addCopy('legislativeTerm', term);
    const terms = crawl.body.legislativeTerm;
    for (const entry of Array.isArray(terms) ? terms : [terms]) if (typeof entry === 'string') this.name(entry, crawl.body, 'legislativeTerm');
    for (const person of crawl.lists.person.live) this.addParent('person', person);
    for (const meeting of crawl.lists.meeting.live) this.addParent('meeting', meeting);
    for (const paper of crawl.lists.paper.live) this.addParent('paper', paper);
  }

  /** Whether the crawl read the list of `type` in full (unfiltered, without error). */
  readInFull(type: EmbeddedType): boolean {
    const list = this.crawl.embedded[type];
    return !!list && !list.filtered;
  }

  private offered(type: EmbeddedType): boolean {
    return !!this.crawl.embedded[type] || this.crawl.unread.includes(type);
  }

  /**
   * Whether the parents in the crawl name all their children of a type, as objects or URLs
   * (absent fields meaning none): always for sources without the list of that type; after
   * reading the list in full (the children they leave out are appended); for a filtered
   * list only when the source is known to name every child (a full run found none left
   * out, nor this run). Otherwise children a parent no longer names may still exist, and
   * the deletions come as tombstones in the filtered list.
   */
  childrenKnown(type: EmbeddedType): boolean {
    if (!this.offered(type)) return true;
    if (this.crawl.unread.includes(type)) return false;
    if (this.readInFull(type)) return true;
    return this.embedsAll[type] === true && !this.unmentioned.has(type);
  }

  /**
   * Whether a stored row should keep what an embedded object's own fields say (embedded
   * copies may lack some): when its type's list was read filtered without naming it (a
   * change would have put it there), and when that list could not be read (the run is then
   * no base for the next one, which looks again).
   */
  unchanged(type: EmbeddedType, id: string): boolean {
    if (this.crawl.unread.includes(type)) return true;
    const list = this.crawl.embedded[type];
    return !!list && list.filtered && !this.standalone.get(type)?.has(id);
  }

  /** What this run learnt of how the source embeds, for the next runs (types whose list was read). */
  learnt(): Partial<Record<EmbeddedType, boolean>> {
    const out: Partial<Record<EmbeddedType, boolean>> = {};
    for (const type of Object.keys(this.crawl.embedded) as EmbeddedType[]) {
      const all = this.readInFull(type) ? true : this.embedsAll[type];
      if (all !== undefined) out[type] = all && !this.unmentioned.has(type);
    }
    return out;
  }

  private addCopy(type: EmbeddedType, obj: JsonObject): void {
    const id = n.url(obj.id);
    if (!id) return;
    let byId = this.copies.get(type);
    if (!byId) this.copies.set(type, (byId = new Map<string, JsonObject[]>()));
    const list = byId.get(id);
    if (list) list.push(obj);
    else byId.set(id, [obj]);
  }

  /** Registers a parent and everything it embeds; top-level parents fetched later join their crawl list. */
  addParent(type: ParentType, obj: JsonObject, fetched = false): void {
    const id = n.url(obj.id);
    if (!id) return;
    if (fetched && type !== 'agendaItem') this.crawl.lists[LIST_OF[type]].live.push(obj);
    let byId = this.parents.get(type);
    if (!byId) this.parents.set(type, (byId = new Map<string, JsonObject>()));
    byId.set(id, obj);
    for (const [field, childType] of CHILD_FIELDS[type]) {
      const value = obj[field];
      for (const entry of Array.isArray(value) ? value : [value]) {
        if (typeof entry === 'string') this.name(entry, obj, field);
        if (!isObject(entry) || entry.deleted === true) continue;
        this.addCopy(childType, entry);
        if (childType === 'agendaItem') this.addParent('agendaItem', entry);
      }
    }
  }

  private name(url: string, parent: JsonObject, field: string): void {
    const id = n.url(url);
    if (!id) return;
    const places = this.named.get(id);
    if (places) places.push({ parent, field });
    else this.named.set(id, [{ parent, field }]);
  }

  /** Merges a list's objects in; returns those without a parent in the crawl. */
  merge(type: EmbeddedType, objects: JsonObject[]): Orphan[] {
    const orphans: Orphan[] = [];
    let seen = this.standalone.get(type);
    if (!seen) this.standalone.set(type, (seen = new Set()));
    for (const obj of objects) {
      const id = n.url(obj.id);
      if (!id) continue;
      seen.add(id);
      const copies = this.copies.get(type)?.get(id);
      if (copies) {
        for (const copy of copies) if (copy !== obj) fill(copy, obj);
        continue;
      }
      const missing = this.place(type, obj, id);
      if (missing) orphans.push({ type, obj, parents: missing });
    }
    return orphans;
  }

  /**
   * Puts a list-only object into its parents: where they name it by URL, or else appended to
   * the parents its back-references name. Returns those parents when none is in the crawl.
   */
  private place(type: EmbeddedType, obj: JsonObject, id: string): Orphan['parents'] | null {
    const named = this.named.get(id);
    if (named) {
      for (const { parent, field } of named) replaceUrl(parent, field, id, obj);
      this.named.delete(id);
    } else if (type === 'legislativeTerm') {
      this.append(this.crawl.body, 'legislativeTerm', obj, type);
    } else {
      const missing: Orphan['parents'] = [];
      let placed = false;
      for (const [parentType, field] of Object.entries(BACK_REFERENCES[type]) as [ParentType, string][]) {
        for (const parentId of n.refs(obj[field])) {
          const parent = this.parents.get(parentType)?.get(parentId);
          if (!parent) missing.push({ type: parentType, id: parentId });
          else {
            this.append(parent, APPEND_TO[type][parentType] ?? 'auxiliaryFile', obj, type);
            placed = true;
          }
        }
      }
      if (!placed) return missing;
    }
    this.addCopy(type, obj);
    if (type === 'agendaItem') this.addParent('agendaItem', obj);
    return null;
  }

  /** Notes a child its parent does not name, to be appended to `field` (see finish). */
  private append(parent: JsonObject, field: string, obj: JsonObject, type: EmbeddedType): void {
    let byField = this.appended.get(parent);
    if (!byField) this.appended.set(parent, (byField = new Map<string, JsonObject[]>()));
    const list = byField.get(field);
    if (list) list.push(obj);
    else byField.set(field, [obj]);
    this.unmentioned.add(type);
  }

  /** Appends what was appended, in `order` (agenda items, consultations) and otherwise as listed. */
  finish(): void {
    for (const [parent, byField] of this.appended) {
      for (const [field, objects] of byField) {
        const sorted = [...objects].sort((a, b) => (n.integer(a.order) ?? Number.MAX_SAFE_INTEGER) - (n.integer(b.order) ?? Number.MAX_SAFE_INTEGER));
        const current: Json | undefined = parent[field];
        const existing: Json[] = Array.isArray(current) ? current : current === undefined || current === null ? [] : [current];
        parent[field] = [...existing, ...sorted];
      }
    }
    this.appended.clear();
  }
}

/** Replaces the URL `id` in a parent's field (a single value or an array) by the object. */
function replaceUrl(parent: JsonObject, field: string, id: string, obj: JsonObject): void {
  const value = parent[field];
  if (typeof value === 'string') parent[field] = obj;
  else if (Array.isArray(value)) parent[field] = value.map((entry) => (typeof entry === 'string' && n.url(entry) === id ? obj : entry));
}
