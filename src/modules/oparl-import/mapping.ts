import type { ResourceKind } from '../../common/access/resources';
import type { CommitteeKind } from '../committees/committee.entity';
import type { FileRole } from '../files/file.entity';
import type { SessionState } from '../sessions/session.entity';
import type { Crawl } from './crawl';
import { isObject, Json, JsonObject } from './json';
import * as n from './normalize';

/** A value for one column; references hold source ids until the writer resolves them. */
export type Cell = string | number | boolean | null | string[] | JsonObject;

/** One row to write, keyed by the id the record has in the old system. */
export interface Draft {
  sourceId: string;
  /** The source's `created`, kept as our created_at for new rows. */
  created: string | null;
  values: Record<string, Cell>;
}

/** Everything one crawl maps to, per resource kind. */
export interface Mapped {
  rows: Map<ResourceKind, Map<string, Draft>>;
  /** Source ids reported deleted. */
  deleted: Map<ResourceKind, Set<string>>;
  /** Source ids of parents whose embedded children were all seen (their vanished children are deleted). */
  complete: Map<ResourceKind, Set<string>>;
  /** Meeting source id → organization source ids, lead first. */
  sessionCommittees: Map<string, string[]>;
  /** Location URLs referenced but not embedded anywhere: fetched one by one. */
  locationRefs: Set<string>;
  /** Source objects that could not be mapped, per kind. */
  failed: Map<ResourceKind, { id: string; reason: string }[]>;
}

const EARLIEST_PLAUSIBLE = '1980-01-01';

function created(obj: JsonObject): string | null {
  const value = n.dateTime(obj.created);
  return value && value >= EARLIEST_PLAUSIBLE ? value : null;
}

class Mapper {
  readonly out: Mapped = { rows: new Map(), deleted: new Map(), complete: new Map(), sessionCommittees: new Map(), locationRefs: new Set(), failed: new Map() };
  /** Meeting source id → start, for papers without a date. */
  private readonly meetingStart = new Map<string, string>();
  /** Agenda item source id → meeting source id, for consultations without a meeting. */
  private readonly agendaMeeting = new Map<string, string>();

  private bucket<T>(map: Map<ResourceKind, T>, kind: ResourceKind, make: () => T): T {
    let found = map.get(kind);
    if (!found) map.set(kind, (found = make()));
    return found;
  }

  add(kind: ResourceKind, obj: JsonObject, id: string, values: Record<string, Cell>): void {
    this.bucket(this.out.rows, kind, () => new Map<string, Draft>()).set(id, { sourceId: id, created: created(obj), values });
  }

  deleted(kind: ResourceKind, id: string): void {
    this.bucket(this.out.deleted, kind, () => new Set<string>()).add(id);
  }

  complete(kind: ResourceKind, id: string): void {
    this.bucket(this.out.complete, kind, () => new Set<string>()).add(id);
  }

  fail(kind: ResourceKind, id: string, reason: string): void {
    this.bucket(this.out.failed, kind, () => []).push({ id, reason });
  }

  /** Embedded children: deleted entries are noted, the others returned with their source id. */
  private live(kind: ResourceKind, value: Json | undefined): { obj: JsonObject; id: string }[] {
    const result: { obj: JsonObject; id: string }[] = [];
    for (const obj of n.objects(value)) {
      const id = n.url(obj.id);
      if (!id) continue;
      if (obj.deleted === true) this.deleted(kind, id);
      else result.push({ obj, id });
    }
    return result;
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
    if (embedsAll(obj.membership)) this.complete('person', id);
    for (const m of this.live('membership', obj.membership)) this.membership(m.obj, m.id, id);
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
    if (embedsAll(obj.agendaItem)) this.complete('session', id);
    this.live('agenda-item', obj.agendaItem).forEach((item, position) => this.agendaItem(item.obj, item.id, id, position));
    const protocols: [string, FileRole, 'results' | 'verbatim' | null][] = [
      ['invitation', 'invitation', null],
      ['resultsProtocol', 'results_protocol', 'results'],
      ['verbatimProtocol', 'verbatim_protocol', 'verbatim'],
    ];
    let position = 0;
    for (const [field, role, minutesKind] of protocols) {
      for (const file of this.live('file', obj[field])) {
        this.file(file.obj, file.id, role, 'session_id', id, position++);
        if (minutesKind) this.add('minutes', file.obj, `${id}#${minutesKind}`, { session_id: id, kind: minutesKind, status: 'published', file_id: file.id });
      }
    }
    for (const file of this.live('file', obj.auxiliaryFile)) this.file(file.obj, file.id, 'auxiliary', 'session_id', id, position++);
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
    this.complete('agenda-item', id);
    let filePosition = 0;
    for (const file of this.live('file', obj.resolutionFile)) this.file(file.obj, file.id, 'resolution', 'agenda_item_id', id, filePosition++);
    for (const file of this.live('file', obj.auxiliaryFile)) this.file(file.obj, file.id, 'auxiliary', 'agenda_item_id', id, filePosition++);
  }

  paper(obj: JsonObject, id: string): void {
    const consultations = this.live('consultation', obj.consultation);
    const firstMeeting = consultations.map((c) => n.ref(c.obj.meeting)).find((m): m is string => !!m && this.meetingStart.has(m));
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
    if (embedsAll(obj.consultation)) this.complete('document', id);
    consultations.forEach((c, position) => this.consultation(c.obj, c.id, id, position));
    let filePosition = 0;
    for (const file of this.live('file', obj.mainFile)) this.file(file.obj, file.id, 'main', 'document_id', id, filePosition++);
    for (const file of this.live('file', obj.auxiliaryFile)) this.file(file.obj, file.id, 'auxiliary', 'document_id', id, filePosition++);
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
    const fileName = n.text(obj.fileName) ?? fileNameOf(downloadUrl ?? accessUrl);
    const mimeType = n.mimeType(obj.mimeType, fileName);
    const name = n.text(obj.name) ?? fileName?.replace(/\.[a-z0-9]{1,5}$/i, '') ?? 'Datei';
    const ext = n.extensionFor(mimeType);
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
    });
  }
}

/** Whether an embedded list is given in full (absent means empty); lists of bare URLs are not. */
function embedsAll(value: Json | undefined): boolean {
  if (value === undefined || value === null) return true;
  return Array.isArray(value) ? value.every(isObject) : isObject(value);
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

/** Maps a crawl to rows, per resource kind. Order matters: meetings before papers (paper dates). */
export function mapCrawl(crawl: Crawl): Mapped {
  const m = new Mapper();
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
      // A deleted parent takes its embedded children with it.
      m.complete(kind, id);
    }
  }
  for (const id of crawl.locations.deleted) m.deleted('location', id);
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
