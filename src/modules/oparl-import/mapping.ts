import type { ResourceKind } from '../../common/access/resources';
import type { CommitteeKind } from '../committees/committee.entity';
import type { FileRole } from '../files/file.entity';
import { cleanFileName, withoutInvisibles } from '../files/file-name';
import type { SessionState } from '../sessions/session.entity';
import type { Crawl, EmbeddedType } from './crawl';
import { CHILD_FIELDS, EmbeddedMerger, Orphan, ParentType } from './external';
import { isObject, Json, JsonObject } from './json';
import * as n from './normalize';
import type { SpooledText, TextSpool } from './text-spool';

/** A value for one column; references hold source ids until the writer resolves them. */
export type Cell = string | number | boolean | null | string[] | JsonObject | SpooledText;

/** One row to write, keyed by the id the record has in the old system. */
export interface Draft {
  sourceId: string;
  /** The source's `created`, kept as our created_at for new rows. */
  created: string | null;
  values: Record<string, Cell>;
  /**
   * An embedded object that did not change since the last run (its filtered list did not
   * name it): a stored row keeps what its own object says, only what its parent decides
   * (link, place, role) is written. Embedded copies may lack fields the object has.
   */
  unchanged?: boolean;
}

/** Everything one crawl maps to, per resource kind. */
export interface Mapped {
  rows: Map<ResourceKind, Map<string, Draft>>;
  /** Source ids reported deleted. */
  deleted: Map<ResourceKind, Set<string>>;
  /**
   * Per child kind and parent kind: source ids of parents whose children of that kind were
   * all seen (their vanished children are deleted).
   */
  complete: Map<ResourceKind, Map<ResourceKind, Set<string>>>;
  /** Meeting source id → organization source ids, lead first. */
  sessionCommittees: Map<string, string[]>;
  /** Location URLs referenced but not embedded anywhere: fetched one by one. */
  locationRefs: Set<string>;
  /** Source objects that could not be mapped, per kind. */
  failed: Map<ResourceKind, { id: string; reason: string }[]>;
  /** Objects of the lists of embedded types whose parent the source does not deliver. */
  unplaced: { kind: ResourceKind; sourceId: string; field: string; target: string }[];
}

/** What the mapper needs to know besides the crawl: merged parents, file texts. */
export interface MapContext {
  merger?: EmbeddedMerger;
  spool?: TextSpool;
}

const EARLIEST_PLAUSIBLE = '1980-01-01';

function created(obj: JsonObject): string | null {
  const value = n.dateTime(obj.created);
  return value && value >= EARLIEST_PLAUSIBLE ? value : null;
}

/** A child in its parent's field: a live object with its id, or null for a bare URL (which keeps its place). */
type Child = { obj: JsonObject; id: string } | null;

class Mapper {
  readonly out: Mapped = { rows: new Map(), deleted: new Map(), complete: new Map(), sessionCommittees: new Map(), locationRefs: new Set(), failed: new Map(), unplaced: [] };
  /** Meeting source id → start, for papers without a date. */
  private readonly meetingStart = new Map<string, string>();
  /** Agenda item source id → meeting source id, for consultations without a meeting. */
  private readonly agendaMeeting = new Map<string, string>();

  constructor(private readonly context: MapContext = {}) {}

  private bucket<T>(map: Map<ResourceKind, T>, kind: ResourceKind, make: () => T): T {
    let found = map.get(kind);
    if (!found) map.set(kind, (found = make()));
    return found;
  }

  add(kind: ResourceKind, obj: JsonObject, id: string, values: Record<string, Cell>): void {
    const type = EMBEDDED_TYPE_OF[kind];
    const unchanged = type !== undefined && this.context.merger?.unchanged(type, id) === true;
    this.bucket(this.out.rows, kind, () => new Map<string, Draft>()).set(id, { sourceId: id, created: created(obj), values, ...(unchanged ? { unchanged } : {}) });
  }

  deleted(kind: ResourceKind, id: string): void {
    this.bucket(this.out.deleted, kind, () => new Set<string>()).add(id);
  }

  complete(childKind: ResourceKind, parentKind: ResourceKind, id: string): void {
    this.bucket(this.bucket(this.out.complete, childKind, () => new Map<ResourceKind, Set<string>>()), parentKind, () => new Set<string>()).add(id);
  }

  /** A parent reported deleted takes all its children with it. */
  completeDeleted(parentKind: ResourceKind, id: string): void {
    for (const childKind of CHILD_KINDS[parentKind] ?? []) this.complete(childKind, parentKind, id);
  }

  fail(kind: ResourceKind, id: string, reason: string): void {
    this.bucket(this.out.failed, kind, () => []).push({ id, reason });
  }

  /**
   * Embedded children in source order: deleted entries are noted and left out, live objects
   * come with their source id, bare URLs as null (the object is not in this run, but its
   * place counts for the positions of the others).
   */
  private children(kind: ResourceKind, value: Json | undefined): Child[] {
    const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    const result: Child[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string' && n.url(entry)) result.push(null);
      if (!isObject(entry)) continue;
      const id = n.url(entry.id);
      if (!id) continue;
      if (entry.deleted === true) this.deleted(kind, id);
      else result.push({ obj: entry, id });
    }
    return result;
  }

  /** Files of a parent's file fields, numbered across the fields in order. */
  private files(obj: JsonObject, fields: [string, FileRole][], parentColumn: string, parentId: string): void {
    let position = 0;
    for (const [field, role] of fields) {
      for (const file of this.children('file', obj[field])) {
        if (file) this.file(file.obj, file.id, role, parentColumn, parentId, position);
        position++;
      }
    }
  }

  /**
   * Notes the kinds of children a parent gives all of here, so that those it no longer names
   * can be deleted: every field of that kind holds objects only (an absent field means none,
   * bare URLs mean we do not have them all), and the source is known to name all of them
   * (see EmbeddedMerger.childrenKnown).
   */
  private completeChildren(type: ParentType, obj: JsonObject, id: string): void {
    const given = new Map<EmbeddedType, boolean>();
    for (const [field, childType] of CHILD_FIELDS[type]) {
      const value = obj[field];
      const objects = value === undefined || value === null || (Array.isArray(value) ? value.every(isObject) : isObject(value));
      given.set(childType, (given.get(childType) ?? true) && objects);
    }
    for (const [childType, all] of given) {
      if (!all || (this.context.merger && !this.context.merger.childrenKnown(childType))) continue;
      this.complete(KIND_OF[childType], PARENT_KIND[type], id);
      if (childType === 'file' && type === 'meeting') this.complete('minutes', 'session', id);
    }
  }

  /** A Location, embedded or referenced by URL; returns its source id. */
  location(value: Json | undefined, fallbackId: string): string | null {
    if (typeof value === 'string') {
      const id = n.url(value);
      if (id && !this.out.rows.get('location')?.has(id)) this.out.locationRefs.add(id);
      return id;
    }
    if (!isObject(value) || value.deleted === true) return null;
    const id = n.url(value.id) ?? fallbackId;
    this.locationObject(value, id);
    return id;
  }

  locationObject(obj: JsonObject, id: string): void {
    this.out.locationRefs.delete(id);
    this.add('location', obj, id, {
      description: n.text(obj.description),
      street_address: n.text(obj.streetAddress),
      room: n.text(obj.room),
      postal_code: n.text(obj.postalCode),
      sub_locality: n.text(obj.subLocality),
      locality: n.text(obj.locality),
      geojson: n.geojson(obj.geojson),
    });
  }

  legislativeTerm(obj: JsonObject, id: string): void {
    const name = n.text(obj.name) ?? [n.date(obj.startDate), n.date(obj.endDate)].filter(Boolean).join('–');
    this.add('legislative-term', obj, id, { name: name || 'Wahlperiode', start_date: n.date(obj.startDate), end_date: n.date(obj.endDate) });
  }

  organization(obj: JsonObject, id: string): void {
    const name = n.text(obj.name) ?? n.text(obj.shortName);
    if (!name) return this.fail('committee', id, 'no name');
    this.add('committee', obj, id, {
      name,
      short_name: n.text(obj.shortName),
      kind: committeeKind(obj, name),
      classification: n.text(obj.classification),
      start_date: n.date(obj.startDate),
      end_date: n.date(obj.endDate),
      parent_id: n.ref(obj.subOrganizationOf),
      location_id: this.location(obj.location, `${id}#location`),
      website: n.url(obj.website),
    });
  }

  person(obj: JsonObject, id: string): void {
    const given = n.text(obj.givenName);
    const family = n.text(obj.familyName);
    const name = n.text(obj.name) ?? ([given, family].filter(Boolean).join(' ') || null);
    if (!name) return this.fail('person', id, 'no name');
    this.add('person', obj, id, {
      name,
      family_name: family,
      given_name: given,
      form_of_address: n.text(obj.formOfAddress),
      affix: n.text(obj.affix),
      title: n.texts(obj.title),
      gender: n.text(obj.gender),
      email: n.texts(obj.email),
      phone: n.texts(obj.phone),
      status: n.texts(obj.status),
      life: n.text(obj.life),
      life_source: n.text(obj.lifeSource),
      location_id: this.location(obj.locationObject ?? obj.location, `${id}#location`),
    });
    this.completeChildren('person', obj, id);
    for (const m of this.children('membership', obj.membership)) if (m) this.membership(m.obj, m.id, id);
  }

  membership(obj: JsonObject, id: string, personId: string): void {
    this.add('membership', obj, id, {
      person_id: personId,
      committee_id: n.ref(obj.organization),
      role: n.text(obj.role),
      voting_right: n.bool(obj.votingRight, true),
      on_behalf_of_id: n.ref(obj.onBehalfOf),
      start_date: n.date(obj.startDate),
      end_date: n.date(obj.endDate),
    });
  }

  meeting(obj: JsonObject, id: string): void {
    const start = n.dateTime(obj.start) ?? n.dateTime(obj.end) ?? created(obj);
    if (!start) return this.fail('session', id, 'no start');
    this.meetingStart.set(id, start);
    const organizations = n.refs(obj.organization);
    this.add('session', obj, id, {
      name: n.text(obj.name) ?? 'Sitzung',
      state: meetingState(obj, start),
      cancelled: n.bool(obj.cancelled, false),
      start,
      end: n.dateTime(obj.end),
      location_id: this.location(obj.location, `${id}#location`),
    });
    this.out.sessionCommittees.set(id, organizations);
    this.completeChildren('meeting', obj, id);
    this.children('agenda-item', obj.agendaItem).forEach((item, position) => item && this.agendaItem(item.obj, item.id, id, position));
    this.files(
      obj,
      [
        ['invitation', 'invitation'],
        ['resultsProtocol', 'results_protocol'],
        ['verbatimProtocol', 'verbatim_protocol'],
        ['auxiliaryFile', 'auxiliary'],
      ],
      'session_id',
      id,
    );
    const protocols: [string, 'results' | 'verbatim'][] = [
      ['resultsProtocol', 'results'],
      ['verbatimProtocol', 'verbatim'],
    ];
    for (const [field, minutesKind] of protocols) {
      for (const file of this.children('file', obj[field])) {
        if (file) this.add('minutes', file.obj, `${id}#${minutesKind}`, { session_id: id, kind: minutesKind, status: 'published', file_id: file.id });
      }
    }
  }

  agendaItem(obj: JsonObject, id: string, meetingId: string, position: number): void {
    this.agendaMeeting.set(id, meetingId);
    this.add('agenda-item', obj, id, {
      session_id: meetingId,
      number: n.text(obj.number),
      position,
      name: n.text(obj.name) ?? n.text(obj.number) ?? 'Tagesordnungspunkt',
      public: n.bool(obj.public, true),
      result: n.text(obj.result),
      resolution_text: n.text(obj.resolutionText),
      start: n.dateTime(obj.start),
      end: n.dateTime(obj.end),
    });
    this.completeChildren('agendaItem', obj, id);
    this.files(
      obj,
      [
        ['resolutionFile', 'resolution'],
        ['auxiliaryFile', 'auxiliary'],
      ],
      'agenda_item_id',
      id,
    );
  }

  paper(obj: JsonObject, id: string): void {
    const consultations = this.children('consultation', obj.consultation);
    const firstMeeting = consultations.map((c) => c && n.ref(c.obj.meeting)).find((m): m is string => !!m && this.meetingStart.has(m));
    const date = n.date(obj.date) ?? n.date(created(obj)) ?? (firstMeeting ? n.date(this.meetingStart.get(firstMeeting)) : null) ?? n.date(n.dateTime(obj.modified));
    if (!date) return this.fail('document', id, 'no date');
    this.add('document', obj, id, {
      name: n.text(obj.name) ?? n.text(obj.reference) ?? 'Vorlage',
      reference: n.text(obj.reference),
      document_type: n.text(obj.paperType),
      date,
      public: true,
      originator_person_ids: n.refs(obj.originatorPerson),
      originator_committee_ids: n.refs(obj.originatorOrganization),
      under_direction_of_ids: n.refs(obj.underDirectionOf),
      related_document_ids: n.refs(obj.relatedPaper),
      superordinated_document_id: n.refs(obj.superordinatedPaper)[0] ?? null,
    });
    this.completeChildren('paper', obj, id);
    consultations.forEach((c, position) => c && this.consultation(c.obj, c.id, id, position));
    this.files(
      obj,
      [
        ['mainFile', 'main'],
        ['auxiliaryFile', 'auxiliary'],
      ],
      'document_id',
      id,
    );
  }

  consultation(obj: JsonObject, id: string, paperId: string, position: number): void {
    const agendaItem = n.ref(obj.agendaItem);
    this.add('consultation', obj, id, {
      document_id: paperId,
      agenda_item_id: agendaItem,
      session_id: n.ref(obj.meeting) ?? (agendaItem ? (this.agendaMeeting.get(agendaItem) ?? null) : null),
      committee_id: n.refs(obj.organization)[0] ?? null,
      role: n.text(obj.role),
      authoritative: n.bool(obj.authoritative, false),
      position,
    });
  }

  /** A File; a file embedded in several parents becomes one row linked to each of them. */
  file(obj: JsonObject, id: string, role: FileRole, parentColumn: string, parentId: string, position: number): void {
    const existing = this.out.rows.get('file')?.get(id);
    if (existing) {
      if (existing.values[parentColumn] === null) existing.values[parentColumn] = parentId;
      return;
    }
    const accessUrl = n.url(obj.accessUrl);
    const downloadUrl = n.url(obj.downloadUrl);
    // Names are cleaned as those of uploads are: no path, no controls, no bidi or other invisible characters.
    const fileName = cleanFileName(n.text(obj.fileName) ?? fileNameOf(downloadUrl ?? accessUrl) ?? '') || null;
    const mimeType = n.mimeType(obj.mimeType, fileName);
    const title = withoutInvisibles(n.text(obj.name) ?? '').trim();
    const name = title || (fileName?.replace(/\.[a-z0-9]{1,5}$/i, '') ?? 'Datei');
    const ext = n.extensionFor(mimeType);
    const text = this.context.spool?.text(id) ?? null;
    this.add('file', obj, id, {
      name,
      file_name: fileName ?? (ext ? `${name}.${ext}` : name),
      mime_type: mimeType,
      size: String(n.integer(obj.size) ?? 0),
      date: n.date(obj.date),
      public: true,
      document_id: parentColumn === 'document_id' ? parentId : null,
      agenda_item_id: parentColumn === 'agenda_item_id' ? parentId : null,
      session_id: parentColumn === 'session_id' ? parentId : null,
      role,
      position,
      file_license: n.url(obj.fileLicense),
      source_access_url: accessUrl,
      source_download_url: downloadUrl,
      text,
      text_origin: text ? 'source' : null,
      source_version: sourceVersion(obj, downloadUrl ?? accessUrl),
    });
  }

  /** Reports an object of a list of embedded types that found no parent. */
  unplaced(orphan: Orphan): void {
    const id = n.url(orphan.obj.id);
    if (!id) return;
    const parent = orphan.parents[0];
    this.out.unplaced.push({ kind: KIND_OF[orphan.type], sourceId: id, field: parent ? PARENT_FIELD[parent.type] : 'parent', target: parent?.id ?? '(none)' });
  }
}

/** Our kind of each embedded type, and of each parent type. */
const KIND_OF: Record<EmbeddedType, ResourceKind> = { legislativeTerm: 'legislative-term', membership: 'membership', agendaItem: 'agenda-item', consultation: 'consultation', file: 'file' };
const EMBEDDED_TYPE_OF: Partial<Record<ResourceKind, EmbeddedType>> = Object.fromEntries(Object.entries(KIND_OF).map(([type, kind]) => [kind, type]));
const PARENT_KIND: Record<ParentType, ResourceKind> = { person: 'person', meeting: 'session', paper: 'document', agendaItem: 'agenda-item' };

/** The kinds of children of each parent kind (what a deleted parent takes with it). */
const CHILD_KINDS: Partial<Record<ResourceKind, ResourceKind[]>> = {
  person: ['membership'],
  session: ['agenda-item', 'file', 'minutes'],
  'agenda-item': ['file'],
  document: ['consultation', 'file'],
};

/** The field (as in dangling references) that links a child to a parent of each type. */
const PARENT_FIELD: Record<ParentType, string> = { person: 'person', meeting: 'session', paper: 'document', agendaItem: 'agendaItem' };

/**
 * What the source says of a file's bytes: when they change, `--download` fetches them again.
 * Null when the source says nothing at all.
 */
function sourceVersion(obj: JsonObject, url: string | null): JsonObject | null {
  const version: JsonObject = {};
  const modified = n.text(obj.modified);
  const size = n.integer(obj.size);
  const sha512 = n.text(obj.sha512Checksum)?.toLowerCase();
  const sha1 = n.text(obj.sha1Checksum)?.toLowerCase();
  if (modified) version.modified = modified;
  if (size) version.size = size;
  if (sha512) version.sha512Checksum = sha512;
  if (sha1) version.sha1Checksum = sha1;
  if (url) version.url = url;
  return Object.keys(version).length ? version : null;
}

function fileNameOf(url: string | null): string | null {
  if (!url) return null;
  const last = new URL(url).pathname.split('/').filter(Boolean).pop();
  if (!last) return null;
  try {
    return n.text(decodeURIComponent(last));
  } catch {
    return n.text(last);
  }
}

const COUNCIL_NAME = /^(rat\b|rat der|gemeinderat|stadtrat|kreistag|stadtverordnetenversammlung|gemeindevertretung|stadtvertretung|bezirksvertretung|bezirksverordnetenversammlung|ratsversammlung|bürgerschaft)/i;
const COUNCIL_CLASSIFICATION = /^(rat|parlament|gemeinderat|stadtrat|kreistag|hauptorgan|vertretung|stadtverordnetenversammlung|gemeindevertretung)$/i;

/** Our committee kind for an OParl Organization (organizationType first, then classification and name). */
export function committeeKind(obj: JsonObject, name: string): CommitteeKind {
  const type = n.text(obj.organizationType)?.toLowerCase() ?? '';
  const classification = n.text(obj.classification) ?? '';
  if (type === 'fraktion' || /^fraktion/i.test(classification)) return 'faction';
  if (type === 'partei' || /^partei/i.test(classification)) return 'party';
  if (type === 'verwaltungsbereich' || type.startsWith('dienststelle') || /verwaltung|dezernat|dienststelle|fachbereich/i.test(classification)) return 'administration';
  if (type === 'externes gremium') return 'external';
  if (type !== '' && type !== 'gremium') return 'other';
  if (COUNCIL_CLASSIFICATION.test(classification) || /parlament/i.test(classification) || COUNCIL_NAME.test(name)) return 'council';
  if (type === 'gremium' || /ausschuss|gremi|beirat|kommission/i.test(classification)) return 'committee';
  return 'other';
}

/** Our session state: the source's meetingState, else inferred from protocols, invitation and time. */
export function meetingState(obj: JsonObject, start: string): SessionState {
  const state = n.text(obj.meetingState)?.toLowerCase() ?? '';
  if (state.startsWith('durchgef') || state === 'abgeschlossen' || state === 'beendet') return 'held';
  if (state === 'eingeladen') return 'invited';
  if (state === 'terminiert' || state === 'geplant') return 'scheduled';
  if (obj.resultsProtocol || obj.verbatimProtocol) return 'held';
  if (Date.parse(start.length === 19 ? `${start}Z` : start) < Date.now()) return 'held';
  return obj.invitation ? 'invited' : 'scheduled';
}

/** Lists hold only entries with a string id (see crawl). */
const idOf = (obj: JsonObject): string => (typeof obj.id === 'string' ? obj.id : '');

/**
 * Maps a crawl to rows, per resource kind. Order matters: meetings before papers (paper
 * dates). `orphans` are objects of the lists of embedded types that found no parent.
 */
export function mapCrawl(crawl: Crawl, context: MapContext = {}, orphans: Orphan[] = []): Mapped {
  const m = new Mapper(context);
  for (const term of n.objects(crawl.body.legislativeTerm)) {
    const id = n.url(term.id);
    if (id && term.deleted !== true) m.legislativeTerm(term, id);
  }
  const bodyId = n.url(crawl.body.id) ?? 'body';
  m.location(crawl.body.location, `${bodyId}#location`);
  for (const obj of crawl.locations.live) m.locationObject(obj, idOf(obj));
  for (const obj of crawl.lists.organization.live) m.organization(obj, idOf(obj));
  for (const obj of crawl.lists.person.live) m.person(obj, idOf(obj));
  for (const obj of crawl.lists.meeting.live) m.meeting(obj, idOf(obj));
  for (const obj of crawl.lists.paper.live) m.paper(obj, idOf(obj));
  const deletedKinds: [keyof Crawl['lists'], ResourceKind][] = [
    ['organization', 'committee'],
    ['person', 'person'],
    ['meeting', 'session'],
    ['paper', 'document'],
  ];
  for (const [list, kind] of deletedKinds) {
    for (const id of crawl.lists[list].deleted) {
      m.deleted(kind, id);
      m.completeDeleted(kind, id);
    }
  }
  for (const id of crawl.locations.deleted) m.deleted('location', id);
  for (const [type, list] of Object.entries(crawl.embedded) as [EmbeddedType, Crawl['locations']][]) {
    for (const id of list.deleted) {
      m.deleted(KIND_OF[type], id);
      m.completeDeleted(KIND_OF[type], id);
    }
  }
  for (const orphan of orphans) m.unplaced(orphan);
  return m.out;
}

/** Adds Locations fetched one by one (referenced by URL, not embedded anywhere). */
export function addLocations(mapped: Mapped, found: JsonObject[]): void {
  const m = new Mapper();
  for (const obj of found) {
    const id = n.url(obj.id);
    if (id) m.locationObject(obj, id);
  }
  const target = mapped.rows.get('location') ?? new Map<string, Draft>();
  for (const [id, draft] of m.out.rows.get('location') ?? []) target.set(id, draft);
  mapped.rows.set('location', target);
}
