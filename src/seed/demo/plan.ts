import { Random } from '../random';
import { MONTH_NAMES, addDays, daysBetween, monthOf, pad, yearOf } from '../time';
import type { PlannedSession } from './calendar';
import { BoardKey, FACTIONS, FactionKey, UnitKey, boardByKey, factionByKey } from './catalog';
import { CLOSED_MATTERS, ClosedMatter, ROUTINE_REPORTS, ROUTINE_SENTENCES, TOPICS, Topic } from './topics';

/**
 * Plans the documents of Musterstadt and walks each through its consultations: the first
 * free session of each board after the document date (with an agenda deadline), committees
 * first, the council last. Sessions in the past get results and resolutions.
 */

export type DocType = 'Beschlussvorlage' | 'Antrag' | 'Stellungnahme' | 'Anfrage' | 'Mitteilungsvorlage';
export type StepRole = 'Vorberatung' | 'Anhörung' | 'Entscheidung' | 'Kenntnisnahme';
export type Section = 'decision' | 'report' | 'inquiry' | 'closed';

export interface PlannedDocument {
  key: string;
  type: DocType;
  title: string;
  date: string;
  public: boolean;
  /** Not yet published. */
  draft: boolean;
  topic: Topic | null;
  closed: ClosedMatter | null;
  /** Text of a routine report, which belongs to no topic. */
  routine: readonly string[] | null;
  /** Faction that filed a motion or a question. */
  faction: FactionKey | null;
  unit: UnitKey;
  reference: string;
  related: string[];
  superordinated: string | null;
  steps: PlannedStep[];
}

export interface PlannedStep {
  key: string;
  document: PlannedDocument;
  board: BoardKey;
  role: StepRole;
  authoritative: boolean;
  /** Set when the step is on the agenda of a session. */
  entry: AgendaEntry | null;
}

/** A document-driven agenda item; formal items are added when agendas are laid out. */
export interface AgendaEntry {
  key: string;
  session: PlannedSession;
  section: Section;
  name: string;
  /** The first step is the one the item is about; others (a statement) ride along. */
  steps: PlannedStep[];
  result: string | null;
  resolution: string | null;
}

export interface DocumentPlan {
  documents: PlannedDocument[];
  entries: AgendaEntry[];
}

/** Documents are put on agendas up to this many days ahead. */
const AGENDA_HORIZON_DAYS = 35;
/** Days between a document and the first session that can discuss it. */
const AGENDA_DEADLINE_DAYS = 10;

/** Replaces {year}, {next}, {prev} and {budget} for a document of `date`. */
export function fillTokens(text: string, date: string): string {
  const year = yearOf(date);
  const budget = monthOf(date) >= 7 ? year + 1 : year;
  return text
    .replace(/\{year\}/g, String(year))
    .replace(/\{next\}/g, String(year + 1))
    .replace(/\{prev\}/g, String(year - 1))
    .replace(/\{budget\}/g, String(budget));
}

interface Context {
  today: string;
  horizon: string;
  sessions: readonly PlannedSession[];
  random: Random;
  entries: AgendaEntry[];
  /** Voting members per board, for vote counts. */
  votes: (board: BoardKey) => number;
}

function nextSession(ctx: Context, board: BoardKey, notBefore: string): PlannedSession | undefined {
  return ctx.sessions.find((s) => s.boards.includes(board) && !s.cancelled && !s.draft && s.date >= notBefore);
}

const isHeld = (ctx: Context, session: PlannedSession): boolean => session.date < ctx.today;

function sectionOf(doc: PlannedDocument): Section {
  if (!doc.public) return 'closed';
  if (doc.type === 'Anfrage') return 'inquiry';
  if (doc.type === 'Mitteilungsvorlage') return 'report';
  return 'decision';
}

function voteDetail(ctx: Context, board: BoardKey): string {
  const total = ctx.votes(board);
  const no = ctx.random.int(1, Math.max(1, Math.floor(total / 3)));
  const abstain = ctx.random.int(0, 2);
  return `(Ja: ${total - no - abstain}, Nein: ${no}, Enthaltungen: ${abstain})`;
}

/** Result and resolution text of a step discussed in a session that has taken place. */
function decide(ctx: Context, step: PlannedStep): { result: string; resolution: string | null } {
  const doc = step.document;
  const board = boardByKey(step.board);
  const random = ctx.random;
  const council = boardByKey('rat');
  const proposal = doc.topic ? fillTokens(doc.topic.resolution, doc.date) : doc.closed ? doc.closed.resolution : '';
  switch (step.role) {
    case 'Kenntnisnahme':
      if (doc.type === 'Anfrage') return { result: 'beantwortet', resolution: 'Die Anfrage wurde von der Verwaltung beantwortet; die schriftliche Antwort ist der Vorlage als Anlage beigefügt.' };
      return { result: 'zur Kenntnis genommen', resolution: `${board.nominative} nimmt die Mitteilung der Verwaltung zur Kenntnis.` };
    case 'Anhörung':
      return { result: 'zustimmend zur Kenntnis genommen', resolution: `${board.nominative} nimmt die Vorlage zustimmend zur Kenntnis und bittet die Verwaltung, die Anregungen aus der Sitzung zu berücksichtigen.` };
    case 'Vorberatung': {
      const unanimous = random.chance(0.6);
      const result = unanimous ? 'einstimmig empfohlen' : random.chance(0.75) ? 'mehrheitlich empfohlen' : 'mit Änderungen empfohlen';
      const what = doc.type === 'Antrag' && doc.topic?.motion ? `${council.nominative} beschließt: ${doc.topic.motion.request}` : `${council.nominative} ${proposal}`;
      return { result, resolution: `${board.nominative} empfiehlt dem Rat, folgenden Beschluss zu fassen: ${fillTokens(what, doc.date)}${unanimous ? '' : ` ${voteDetail(ctx, step.board)}`}` };
    }
    case 'Entscheidung': {
      if (doc.type === 'Antrag' && doc.topic?.motion) {
        if (random.chance(0.3)) return { result: 'abgelehnt', resolution: `Der Antrag wird abgelehnt. ${voteDetail(ctx, step.board)}` };
        const unanimous = random.chance(0.5);
        return {
          result: unanimous ? 'einstimmig beschlossen' : 'mehrheitlich beschlossen',
          resolution: `${board.nominative} beschließt: ${fillTokens(doc.topic.motion.request, doc.date)}${unanimous ? '' : ` ${voteDetail(ctx, step.board)}`}`,
        };
      }
      const unanimous = random.chance(0.55);
      const amended = !unanimous && random.chance(0.2);
      const result = unanimous ? 'einstimmig beschlossen' : amended ? 'mit Änderungen beschlossen' : 'mehrheitlich beschlossen';
      const changes = amended ? ' Die Verwaltung wird zusätzlich beauftragt, dem Ausschuss nach Abschluss der Maßnahme über die Kosten und die Erfahrungen zu berichten.' : '';
      return { result, resolution: `${board.nominative} ${proposal}${changes}${unanimous ? '' : ` ${voteDetail(ctx, step.board)}`}` };
    }
  }
}

function addEntry(ctx: Context, session: PlannedSession, step: PlannedStep): AgendaEntry {
  const entry: AgendaEntry = { key: step.key, session, section: sectionOf(step.document), name: step.document.title, steps: [step], result: null, resolution: null };
  step.entry = entry;
  if (isHeld(ctx, session)) Object.assign(entry, decide(ctx, step));
  ctx.entries.push(entry);
  return entry;
}

interface StepTemplate {
  board: BoardKey;
  role: StepRole;
}

function decisionRoute(lead: BoardKey, also: readonly BoardKey[], council: boolean): StepTemplate[] {
  const preliminary = (board: BoardKey): StepTemplate => ({ board, role: board === 'bvn' ? 'Anhörung' : 'Vorberatung' });
  if (council) return [preliminary(lead), ...also.map(preliminary), { board: 'rat', role: 'Entscheidung' }];
  return [...also.map(preliminary), { board: lead, role: 'Entscheidung' }];
}

function routeOf(doc: PlannedDocument): StepTemplate[] {
  if (doc.closed) return decisionRoute(doc.closed.lead, [], doc.closed.council);
  const topic = doc.topic;
  if (!topic) return [];
  switch (doc.type) {
    case 'Beschlussvorlage':
      return decisionRoute(topic.lead, topic.also ?? [], topic.council);
    case 'Antrag':
      return decisionRoute(topic.lead, [], topic.council);
    case 'Anfrage':
      return [{ board: topic.lead, role: 'Kenntnisnahme' }];
    case 'Mitteilungsvorlage':
      return [{ board: topic.lead, role: 'Kenntnisnahme' }, ...(topic.also ?? []).filter((b) => b === 'bvn').map((board): StepTemplate => ({ board, role: 'Kenntnisnahme' }))];
    case 'Stellungnahme':
      return [{ board: topic.lead, role: 'Kenntnisnahme' }];
  }
}

/** Walks a document through its route; a postponed item comes back at the board's next session. */
function consult(ctx: Context, doc: PlannedDocument): void {
  const route = routeOf(doc);
  let notBefore = addDays(doc.date, AGENDA_DEADLINE_DAYS);
  let onAgenda = !doc.draft;
  let postponed = false;
  for (let i = 0; i < route.length; i++) {
    const template = route[i];
    const step: PlannedStep = { key: `${doc.key}:${doc.steps.length}`, document: doc, board: template.board, role: template.role, authoritative: template.role === 'Entscheidung', entry: null };
    doc.steps.push(step);
    const session = onAgenda ? nextSession(ctx, template.board, notBefore) : undefined;
    if (!session || session.date > ctx.horizon) {
      onAgenda = false;
      continue;
    }
    const entry = addEntry(ctx, session, step);
    notBefore = addDays(session.date, 2);
    const canPostpone = !postponed && template.role !== 'Kenntnisnahme' && entry.result !== null;
    if (canPostpone && ctx.random.chance(0.07)) {
      postponed = true;
      entry.result = 'vertagt';
      entry.resolution = `Die Beratung wird auf Antrag der ${ctx.random.pick(FACTIONS).name} vertagt.`;
      i--;
    }
  }
}

/** A statement of the administration on a motion: discussed under the motion's agenda item. */
function consultStatement(ctx: Context, statement: PlannedDocument, motion: PlannedDocument): void {
  const first = motion.steps[0];
  const step: PlannedStep = { key: `${statement.key}:0`, document: statement, board: first?.board ?? statement.topic?.lead ?? 'rat', role: 'Kenntnisnahme', authoritative: false, entry: null };
  statement.steps.push(step);
  if (first?.entry && first.entry.session.date >= addDays(statement.date, 3)) {
    first.entry.steps.push(step);
    step.entry = first.entry;
  }
}

function newDocument(key: string, type: DocType, title: string, date: string, topic: Topic | null, extra: Partial<PlannedDocument> = {}): PlannedDocument {
  return {
    key,
    type,
    title: fillTokens(title, date),
    date,
    public: true,
    draft: false,
    topic,
    closed: null,
    routine: null,
    faction: null,
    unit: topic?.unit ?? 'fb1',
    reference: '',
    related: [],
    superordinated: null,
    steps: [],
    ...extra,
  };
}

/** The storyline of one topic: motion (and statement), draft resolution, question, report. */
function topicDocuments(topic: Topic, index: number, from: string, to: string, random: Random): PlannedDocument[] {
  const span = daysBetween(from, to);
  const start = addDays(from, Math.floor((index / TOPICS.length) * span * 0.55) + random.int(0, 20));
  const end = addDays(start, Math.min(daysBetween(start, to), Math.floor(span * 0.45) + random.int(0, 30)));
  const kinds: DocType[] = [];
  if (topic.motion) kinds.push('Antrag');
  if (topic.motion && index % 2 === 0) kinds.push('Stellungnahme');
  kinds.push('Beschlussvorlage');
  if (topic.inquiry) kinds.push('Anfrage');
  if (topic.report) kinds.push('Mitteilungsvorlage');
  const docs: PlannedDocument[] = [];
  kinds.forEach((type, i) => {
    const date = kinds.length === 1 ? start : addDays(start, Math.round((i / (kinds.length - 1)) * daysBetween(start, end)));
    const key = `${topic.key}:${type}`;
    switch (type) {
      case 'Antrag':
        docs.push(newDocument(key, type, `Antrag der ${factionName(topic.motion?.faction)}: ${topic.motion?.title ?? topic.title}`, date, topic, { faction: topic.motion?.faction ?? null }));
        break;
      case 'Stellungnahme':
        docs.push(newDocument(key, type, `Stellungnahme der Verwaltung zum Antrag „${topic.motion?.title ?? topic.title}“`, addDays(docs[0]?.date ?? date, random.int(12, 20)), topic));
        break;
      case 'Beschlussvorlage':
        docs.push(newDocument(key, type, topic.title, date, topic));
        break;
      case 'Anfrage':
        docs.push(newDocument(key, type, `Anfrage der ${factionName(topic.inquiry?.faction)}: ${topic.inquiry?.title ?? topic.title}`, date, topic, { faction: topic.inquiry?.faction ?? null }));
        break;
      case 'Mitteilungsvorlage':
        docs.push(newDocument(key, type, topic.report?.title ?? topic.title, date, topic));
        break;
    }
  });
  for (const doc of docs) doc.related = docs.filter((other) => other !== doc).map((other) => other.key);
  const motion = docs.find((d) => d.type === 'Antrag');
  const statement = docs.find((d) => d.type === 'Stellungnahme');
  if (motion && statement) statement.superordinated = motion.key;
  return docs;
}

function factionName(key: FactionKey | undefined): string {
  return key ? factionByKey(key).name : 'Fraktion';
}

function closedDocuments(from: string, to: string): PlannedDocument[] {
  const span = daysBetween(from, to);
  return CLOSED_MATTERS.map((matter, i) =>
    newDocument(`closed:${matter.key}`, 'Beschlussvorlage', matter.title, addDays(from, Math.floor(((i + 0.5) / CLOSED_MATTERS.length) * span)), null, {
      public: false,
      closed: matter,
      unit: matter.unit,
    }),
  );
}

/** The budget draft for next year, prepared but not yet released. */
function draftDocument(today: string): PlannedDocument {
  const topic = TOPICS.find((t) => t.key === 'haushalt') ?? TOPICS[0];
  const date = addDays(today, -2);
  return newDocument('draft:haushalt', 'Beschlussvorlage', 'Entwurf der Haushaltssatzung {next} – Einbringung in den Rat', date, topic, { draft: true });
}

/**
 * Gives every session up to the agenda horizon that has no document on its agenda a routine
 * report of the administration, so that no agenda is empty.
 */
function addRoutineReports(ctx: Context, documents: PlannedDocument[]): void {
  const counts = new Map<string, number>();
  for (const entry of ctx.entries) counts.set(entry.session.key, (counts.get(entry.session.key) ?? 0) + 1);
  const used = new Map<BoardKey, number>();
  for (const session of ctx.sessions) {
    if (session.cancelled || session.draft || session.date > ctx.horizon || counts.has(session.key)) continue;
    const board = session.boards[0];
    const titles = ROUTINE_REPORTS[board];
    const n = used.get(board) ?? 0;
    used.set(board, n + 1);
    const date = [addDays(session.date, -14), addDays(ctx.today, -2)].sort()[0];
    const stand = `${MONTH_NAMES[monthOf(date) - 1]} ${yearOf(date)}`;
    const doc = newDocument(`routine:${session.key}`, 'Mitteilungsvorlage', `${titles[n % titles.length]} (Stand: ${stand})`, date, null, {
      routine: ctx.random.sample(ROUTINE_SENTENCES, 4),
      unit: ROUTINE_UNITS[board],
    });
    const step: PlannedStep = { key: `${doc.key}:0`, document: doc, board, role: 'Kenntnisnahme', authoritative: false, entry: null };
    doc.steps.push(step);
    addEntry(ctx, session, step);
    documents.push(doc);
  }
}

const ROUTINE_UNITS: Record<BoardKey, UnitKey> = { rat: 'fb1', hfa: 'fb1', ukm: 'fb5', bpa: 'fb5', ssa: 'fb3', soz: 'fb4', kul: 'fb3', rpa: 'fb1', bvn: 'fb6' };

/** Drucksachen-Nummern "0042/2026": counted per year in date order. */
function assignReferences(documents: PlannedDocument[]): void {
  const sorted = [...documents].sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  const counters = new Map<number, number>();
  for (const doc of sorted) {
    const year = yearOf(doc.date);
    if (!counters.has(year)) counters.set(year, Math.floor(daysBetween(`${year}-01-01`, doc.date) / 2.5));
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    doc.reference = `${pad(n, 4)}/${year}`;
  }
}

export function planDocuments(today: string, sessions: readonly PlannedSession[], votes: (board: BoardKey) => number): DocumentPlan {
  const random = Random.from('musterstadt:documents');
  const from = addDays(sessions[0].date, -AGENDA_DEADLINE_DAYS);
  const to = addDays(today, -4);
  const documents: PlannedDocument[] = [];
  TOPICS.forEach((topic, i) => documents.push(...topicDocuments(topic, i, from, to, random)));
  documents.push(...closedDocuments(from, to), draftDocument(today));
  documents.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));

  const ctx: Context = { today, horizon: addDays(today, AGENDA_HORIZON_DAYS), sessions, random, entries: [], votes };
  const byKey = new Map(documents.map((d) => [d.key, d]));
  for (const doc of documents) {
    if (doc.type === 'Stellungnahme' && doc.superordinated) {
      const motion = byKey.get(doc.superordinated);
      if (motion) consultStatement(ctx, doc, motion);
    } else {
      consult(ctx, doc);
    }
  }
  addRoutineReports(ctx, documents);
  documents.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  assignReferences(documents);
  return { documents, entries: ctx.entries };
}
