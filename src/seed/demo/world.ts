import { IdFactory, idFactory } from '../ids';
import type { PdfContent } from '../pdf';
import { Random } from '../random';
import type {
  AgendaItemRow,
  BodyRow,
  CommitteeRow,
  ConsultationRow,
  DocumentRow,
  FileRow,
  LegislativeTermRow,
  LocationRow,
  MembershipRow,
  MinutesRow,
  MinutesStatusValue,
  PersonRow,
  SessionCommitteeRow,
  SessionRow,
} from '../tables';
import { addDays, berlinDate, berlinInstant, monthStart } from '../time';
import { AgendaItemPlan, INVITATION_DAYS, layOutAgendas, sessionState } from './agenda';
import { PlannedSession, planCalendar } from './calendar';
import { BOARDS, BODY, BoardKey, CITY, FACTIONS, FactionKey, LOCATIONS, POSTAL_CODE, UNITS, boardByKey } from './catalog';
import { PersonPlan, SeatPlan, Term, displayName, legislativeTerms, planPeople, seatsOn } from './people';
import { PlannedDocument, planDocuments } from './plan';
import { TextContext, answerContent, attachmentContent, attachmentName, documentContent, invitationContent, minutesContent, resolutionContent } from './texts';

/**
 * Turns the plan of Musterstadt into table rows. Everything is a pure function of the body
 * id and the day: ids are derived from stable keys, randomness from fixed seeds.
 */

/** A file row still without its bytes, and the content that becomes its PDF. */
export interface PlannedFile {
  row: Omit<FileRow, 'size' | 'sha512' | 'text' | 'text_origin'>;
  content: PdfContent;
}

export interface DemoWorld {
  body: BodyRow;
  terms: LegislativeTermRow[];
  locations: LocationRow[];
  committees: CommitteeRow[];
  people: PersonRow[];
  memberships: MembershipRow[];
  sessions: SessionRow[];
  sessionCommittees: SessionCommitteeRow[];
  agendaItems: AgendaItemRow[];
  documents: DocumentRow[];
  consultations: ConsultationRow[];
  files: PlannedFile[];
  minutes: MinutesRow[];
}

type CommitteeKey = BoardKey | FactionKey | (typeof UNITS)[number]['key'];

interface Builder {
  bodyId: string;
  today: string;
  ids: IdFactory;
  terms: [Term, Term];
  people: PersonPlan[];
  seats: SeatPlan[];
  mayor: PersonPlan;
  text: TextContext;
  committeeId: (key: CommitteeKey) => string;
  personId: (key: string) => string;
  locationId: (key: string) => string;
}

const tenant = (b: Builder, id: string, publishedAt: Date | null) => ({ id, body_id: b.bodyId, published_at: publishedAt, deleted_at: null, modified_by_key_id: null });

export function bodyRow(bodyId: string): BodyRow {
  return {
    id: bodyId,
    slug: BODY.slug,
    name: BODY.name,
    short_name: BODY.shortName,
    website: BODY.website,
    license: BODY.license,
    ags: BODY.ags,
    rgs: BODY.rgs,
    classification: BODY.classification,
    contact_email: BODY.contactEmail,
    contact_name: BODY.contactName,
    web_url_templates: JSON.stringify(BODY.webUrlTemplates),
    deleted_at: null,
  };
}

function termRows(b: Builder): LegislativeTermRow[] {
  return b.terms.map((term) => ({ ...tenant(b, b.ids('legislative-term', term.start), berlinInstant(term.start, 9)), name: term.name, start_date: term.start, end_date: term.end }));
}

function locationRows(b: Builder): LocationRow[] {
  const published = berlinInstant(b.terms[0].start, 9);
  return LOCATIONS.map((location) => ({
    ...tenant(b, b.locationId(location.key), published),
    description: location.description,
    street_address: location.street,
    room: location.room,
    postal_code: POSTAL_CODE,
    sub_locality: location.subLocality,
    locality: CITY,
    geojson: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: location.coordinates }, properties: { name: location.description } }),
  }));
}

function committeeRows(b: Builder): CommitteeRow[] {
  const since = b.terms[0].start;
  const published = berlinInstant(since, 9);
  const base = { start_date: since, end_date: null, website: null };
  const boards = BOARDS.map((board): CommitteeRow => ({
    ...tenant(b, b.committeeId(board.key), published),
    ...base,
    name: board.name,
    short_name: board.shortName,
    kind: board.kind,
    classification: board.classification,
    parent_id: board.kind === 'committee' && board.classification !== 'Bezirksvertretung' ? b.committeeId('rat') : null,
    location_id: b.locationId(board.location),
  }));
  const factions = FACTIONS.map((faction): CommitteeRow => ({
    ...tenant(b, b.committeeId(faction.key), published),
    ...base,
    name: faction.name,
    short_name: faction.shortName,
    kind: 'faction',
    classification: 'Fraktion',
    parent_id: b.committeeId('rat'),
    location_id: null,
  }));
  const units = UNITS.map((unit): CommitteeRow => ({
    ...tenant(b, b.committeeId(unit.key), published),
    ...base,
    name: unit.name,
    short_name: unit.shortName,
    kind: 'administration',
    classification: 'Fachbereich',
    parent_id: null,
    location_id: b.locationId('technisches-rathaus'),
  }));
  return [...boards, ...factions, ...units];
}

function personRows(b: Builder): PersonRow[] {
  const published = berlinInstant(b.terms[0].start, 9);
  return b.people.map((person) => ({
    ...tenant(b, b.personId(person.key), published),
    name: displayName(person),
    family_name: person.familyName,
    given_name: person.givenName,
    form_of_address: person.gender === 'female' ? 'Frau' : person.gender === 'male' ? 'Herr' : null,
    affix: null,
    title: person.titles,
    gender: person.gender,
    email: person.email ? [person.email] : [],
    phone: person.phone ? [person.phone] : [],
    status: person.status,
    life: person.life,
    life_source: person.life ? 'Selbstauskunft' : null,
    location_id: null,
  }));
}

function membershipRows(b: Builder): MembershipRow[] {
  return b.seats.map((seat) => ({
    ...tenant(b, b.ids('membership', seat.key), berlinInstant(seat.start, 9)),
    person_id: b.personId(seat.personKey),
    committee_id: b.committeeId(seat.committee),
    role: seat.role,
    voting_right: seat.votingRight,
    on_behalf_of_id: seat.onBehalfOf ? b.committeeId(seat.onBehalfOf) : null,
    start_date: seat.start,
    end_date: seat.end,
  }));
}

/** Sessions appear in the published calendar four months ahead. */
function sessionPublishedAt(b: Builder, session: PlannedSession): Date | null {
  if (session.draft) return null;
  const day = [monthStart(session.date, -4), monthStart(b.today)].sort()[0];
  return berlinInstant(day, 8);
}

const sessionId = (b: Builder, session: PlannedSession): string => b.ids('session', session.key);
const agendaItemId = (b: Builder, session: PlannedSession, itemKey: string): string => b.ids('agenda-item', `${session.key}:${itemKey}`);
const documentId = (b: Builder, key: string): string => b.ids('document', key);
const documentPublishedAt = (doc: PlannedDocument): Date | null => (doc.draft ? null : berlinInstant(doc.date, 12));

function asciiSlug(text: string): string {
  return text
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function fileRow(b: Builder, key: string, fields: Omit<PlannedFile['row'], 'id' | 'body_id' | 'deleted_at' | 'modified_by_key_id' | 'storage_key' | 'mime_type' | 'file_license' | 'published_at'>, publishedAt: Date | null): PlannedFile['row'] {
  const id = b.ids('file', key);
  return { ...tenant(b, id, publishedAt), ...fields, mime_type: 'application/pdf', storage_key: `${b.bodyId}/${id}`, file_license: BODY.license };
}

interface SessionParts {
  sessions: SessionRow[];
  sessionCommittees: SessionCommitteeRow[];
  agendaItems: AgendaItemRow[];
  files: PlannedFile[];
  minutes: MinutesRow[];
}

function minutesStatuses(b: Builder, sessions: readonly PlannedSession[]): Map<string, MinutesStatusValue> {
  const held = sessions.filter((s) => sessionState(s, b.today) === 'held' && !s.cancelled).sort((x, y) => y.start.getTime() - x.start.getTime());
  return new Map(held.map((s, i): [string, MinutesStatusValue] => [s.key, i === 0 ? 'draft' : i === 1 ? 'approved' : 'published']));
}

function sessionParts(b: Builder, calendar: readonly PlannedSession[], agendas: Map<string, AgendaItemPlan[]>): SessionParts {
  const parts: SessionParts = { sessions: [], sessionCommittees: [], agendaItems: [], files: [], minutes: [] };
  const statuses = minutesStatuses(b, calendar);
  for (const session of calendar) {
    const id = sessionId(b, session);
    const state = sessionState(session, b.today);
    const published = sessionPublishedAt(b, session);
    const items = agendas.get(session.key) ?? [];
    const lead = boardByKey(session.boards[0]);
    parts.sessions.push({ ...tenant(b, id, published), name: session.name, state, cancelled: session.cancelled, start: session.start, end: session.end, location_id: b.locationId(session.location) });
    session.boards.forEach((board, position) => parts.sessionCommittees.push({ session_id: id, committee_id: b.committeeId(board), position }));
    for (const item of items) {
      const docDate = item.entry?.steps[0]?.document.date;
      const itemPublished = published && docDate && berlinInstant(docDate, 12) > published ? berlinInstant(docDate, 12) : published;
      parts.agendaItems.push({
        ...tenant(b, agendaItemId(b, session, item.key), itemPublished),
        session_id: id,
        number: item.number,
        position: item.position,
        name: item.name,
        public: item.public,
        result: item.result,
        resolution_text: item.resolution,
        start: item.start,
        end: item.end,
      });
    }
    const tag = `${asciiSlug(lead.shortName)}_${session.date}`;
    if (state !== 'scheduled' && !session.draft) {
      const sentOn = addDays(session.date, -INVITATION_DAYS);
      parts.files.push({
        row: fileRow(b, `invitation:${session.key}`, { name: 'Einladung', file_name: `Einladung_${tag}.pdf`, date: sentOn, public: true, document_id: null, agenda_item_id: null, session_id: id, role: 'invitation', position: 0 }, published),
        content: invitationContent(session, items, b.text, sentOn),
      });
    }
    const status = statuses.get(session.key);
    if (status) addMinutes(b, parts, session, items, status, tag);
    if (state === 'held' && session.boards[0] === 'rat') addResolutions(b, parts, session, items, published, tag);
  }
  return parts;
}

function addMinutes(b: Builder, parts: SessionParts, session: PlannedSession, items: readonly AgendaItemPlan[], status: MinutesStatusValue, tag: string): void {
  const written = [addDays(session.date, 10), addDays(b.today, -1)].sort()[0];
  const approvedDay = [addDays(session.date, 30), addDays(b.today, -1)].sort()[0];
  const approvedAt = status === 'draft' ? null : berlinInstant(approvedDay, 19);
  const fileId = b.ids('file', `minutes:${session.key}`);
  parts.files.push({
    row: fileRow(b, `minutes:${session.key}`, { name: 'Niederschrift (öffentlicher Teil)', file_name: `Niederschrift_${tag}.pdf`, date: written, public: true, document_id: null, agenda_item_id: null, session_id: sessionId(b, session), role: 'results_protocol', position: 1 }, approvedAt),
    content: minutesContent(session, items, b.text, written),
  });
  parts.minutes.push({ ...tenant(b, b.ids('minutes', session.key), approvedAt), session_id: sessionId(b, session), kind: 'results', status, file_id: fileId, approved_at: approvedAt });
}

function addResolutions(b: Builder, parts: SessionParts, session: PlannedSession, items: readonly AgendaItemPlan[], published: Date | null, tag: string): void {
  for (const item of items) {
    const step = item.entry?.steps[0];
    if (!item.public || !step || step.role !== 'Entscheidung' || !item.resolution || item.result === 'vertagt') continue;
    parts.files.push({
      row: fileRow(
        b,
        `resolution:${session.key}:${item.key}`,
        { name: `Beschluss zu TOP ${item.number}`, file_name: `Beschluss_${tag}_TOP_${asciiSlug(item.number)}.pdf`, date: session.date, public: true, document_id: null, agenda_item_id: agendaItemId(b, session, item.key), session_id: null, role: 'resolution', position: 0 },
        published,
      ),
      content: resolutionContent(item, b.text),
    });
  }
}

function chairOf(b: Builder, faction: FactionKey, date: string): PersonPlan {
  const seats = seatsOn(b.seats, faction, date);
  const seat = seats.find((s) => s.role.startsWith('Fraktionsvorsitz')) ?? seats[0];
  return b.people.find((p) => p.key === seat?.personKey) ?? b.mayor;
}

interface DocumentParts {
  documents: DocumentRow[];
  consultations: ConsultationRow[];
  files: PlannedFile[];
}

function documentParts(b: Builder, documents: readonly PlannedDocument[]): DocumentParts {
  const parts: DocumentParts = { documents: [], consultations: [], files: [] };
  const byKey = new Map(documents.map((d) => [d.key, d]));
  for (const doc of documents) {
    const id = documentId(b, doc.key);
    const published = documentPublishedAt(doc);
    const author = doc.faction ? chairOf(b, doc.faction, doc.date) : b.mayor;
    parts.documents.push({
      ...tenant(b, id, published),
      name: doc.title,
      reference: doc.reference,
      document_type: doc.type,
      date: doc.date,
      public: doc.public,
      originator_person_ids: [b.personId(author.key)],
      originator_committee_ids: doc.faction ? [b.committeeId(doc.faction)] : [],
      under_direction_of_ids: doc.faction ? [] : [b.committeeId(doc.unit)],
      related_document_ids: doc.related.map((key) => documentId(b, key)),
      superordinated_document_id: doc.superordinated ? documentId(b, doc.superordinated) : null,
    });
    doc.steps.forEach((step, position) => {
      const session = step.entry?.session;
      parts.consultations.push({
        ...tenant(b, b.ids('consultation', step.key), published),
        document_id: id,
        agenda_item_id: session && step.entry ? agendaItemId(b, session, step.entry.key) : null,
        session_id: session ? sessionId(b, session) : null,
        committee_id: b.committeeId(step.board),
        role: step.role,
        authoritative: step.authoritative,
        position,
      });
    });
    parts.files.push(...documentFiles(b, doc, id, published, byKey));
  }
  return parts;
}

function documentFiles(b: Builder, doc: PlannedDocument, id: string, published: Date | null, byKey: Map<string, PlannedDocument>): PlannedFile[] {
  const ref = doc.reference.replace('/', '-');
  const common = { date: doc.date, public: doc.public, document_id: id, agenda_item_id: null, session_id: null };
  const motion = doc.superordinated ? byKey.get(doc.superordinated) : undefined;
  const files: PlannedFile[] = [
    {
      row: fileRow(b, `document:${doc.key}:main`, { ...common, name: `${doc.type} ${doc.reference}`, file_name: `${asciiSlug(doc.type)}_${ref}.pdf`, role: 'main', position: 0 }, published),
      content: documentContent(doc, b.text, motion),
    },
  ];
  if (doc.type === 'Beschlussvorlage' && doc.topic) {
    doc.topic.attachments.forEach((kind, i) => {
      files.push({
        row: fileRow(b, `document:${doc.key}:${kind}`, { ...common, name: `Anlage ${i + 1}: ${attachmentName(doc, kind)}`, file_name: `Anlage_${i + 1}_${asciiSlug(attachmentName(doc, kind))}_${ref}.pdf`, role: 'auxiliary', position: i + 1 }, published),
        content: attachmentContent(doc, kind, i + 1),
      });
    });
  }
  const answered = doc.type === 'Anfrage' && doc.steps.some((s) => s.entry && s.entry.result === 'beantwortet');
  if (answered) {
    files.push({
      row: fileRow(b, `document:${doc.key}:answer`, { ...common, name: 'Antwort der Verwaltung', file_name: `Antwort_${ref}.pdf`, role: 'auxiliary', position: 1 }, published),
      content: answerContent(doc, b.text),
    });
  }
  return files;
}

function textContext(b: Omit<Builder, 'text'>): TextContext {
  const nameOf = (key: string): string => {
    const person = b.people.find((p) => p.key === key);
    return person ? displayName(person) : displayName(b.mayor);
  };
  return {
    mayorName: displayName(b.mayor),
    factionChair: (faction, date) => {
      const seats = seatsOn(b.seats, faction, date);
      return nameOf((seats.find((s) => s.role.startsWith('Fraktionsvorsitz')) ?? seats[0])?.personKey ?? b.mayor.key);
    },
    attendance: (session) => {
      const seats = seatsOn(b.seats, session.boards[0], session.date);
      const random = Random.from(`attendance:${session.key}`);
      const excusedKeys = new Set(random.sample(seats.filter((s) => !s.role.startsWith('Vorsitz')), random.int(0, 2)).map((s) => s.personKey));
      const chairSeat = seats.find((s) => s.role.startsWith('Vorsitz')) ?? seats[0];
      return {
        chair: nameOf(chairSeat?.personKey ?? b.mayor.key),
        present: seats.filter((s) => !excusedKeys.has(s.personKey)).map((s) => nameOf(s.personKey)),
        excused: [...excusedKeys].map(nameOf),
      };
    },
  };
}

function votingSeats(board: BoardKey): number {
  if (board === 'rat') return FACTIONS.reduce((sum, f) => sum + f.seats[1], 0) + 1;
  return Object.values(boardByKey(board).seats ?? {}).reduce((sum, n) => sum + n, 0) + (board === 'hfa' ? 1 : 0);
}

export function buildDemoWorld(bodyId: string, now: Date): DemoWorld {
  const today = berlinDate(now);
  const ids = idFactory(bodyId);
  const terms = legislativeTerms(today);
  const { people, seats, mayor } = planPeople(terms, today);
  const partial = {
    bodyId,
    today,
    ids,
    terms,
    people,
    seats,
    mayor,
    committeeId: (key: CommitteeKey) => ids('committee', key),
    personId: (key: string) => ids('person', key),
    locationId: (key: string) => ids('location', key),
  };
  const b: Builder = { ...partial, text: textContext(partial) };
  const calendar = planCalendar(today, terms);
  const plan = planDocuments(today, calendar, votingSeats);
  const agendas = layOutAgendas(calendar, plan.entries, today);
  const sessions = sessionParts(b, calendar, agendas);
  const documents = documentParts(b, plan.documents);
  return {
    body: bodyRow(bodyId),
    terms: termRows(b),
    locations: locationRows(b),
    committees: committeeRows(b),
    people: personRows(b),
    memberships: membershipRows(b),
    sessions: sessions.sessions,
    sessionCommittees: sessions.sessionCommittees,
    agendaItems: sessions.agendaItems,
    documents: documents.documents,
    consultations: documents.consultations,
    files: [...documents.files, ...sessions.files],
    minutes: sessions.minutes,
  };
}
