import type { PdfBlock, PdfContent } from '../pdf';
import { Random } from '../random';
import { berlinDate, formatDate, formatEuro, formatLongDate, formatTime } from '../time';
import type { AgendaItemPlan } from './agenda';
import type { PlannedSession } from './calendar';
import { BODY, LOCATIONS, UNITS, boardByKey, factionByKey } from './catalog';
import { AttachmentKind } from './topics';
import { PlannedDocument, fillTokens } from './plan';

/** The words inside the PDFs: Vorlagen, Anlagen, Einladungen, Niederschriften, Beschlüsse. */

export interface TextContext {
  mayorName: string;
  /** Name of the chair of a faction on a date. */
  factionChair: (faction: NonNullable<PlannedDocument['faction']>, date: string) => string;
  /** Present and excused members of the session's lead board. */
  attendance: (session: PlannedSession) => { present: string[]; excused: string[]; chair: string };
}

const ADMINISTRATION = `${BODY.name} – Die Bürgermeisterin`;
const CLERK = 'Jana Meier, Ratsbüro';

const unitName = (doc: PlannedDocument): string => UNITS.find((u) => u.key === doc.unit)?.name ?? UNITS[0].name;
const locationText = (session: PlannedSession): string => {
  const location = LOCATIONS.find((l) => l.key === session.location) ?? LOCATIONS[0];
  return `${location.description}, ${location.street}, ${BODY.shortName}`;
};

export const ATTACHMENT_NAMES: Record<AttachmentKind, string> = {
  kosten: 'Kostenschätzung',
  lageplan: 'Lageplan',
  satzung: 'Satzungstext',
  festsetzungen: 'Textliche Festsetzungen',
  gutachten: 'Gutachten (Zusammenfassung)',
  praesentation: 'Präsentation',
  beirat: 'Stellungnahme des Seniorenbeirats',
};

export function attachmentName(doc: PlannedDocument, kind: AttachmentKind): string {
  if (kind === 'kosten' && doc.topic?.bylaw) return 'Gebührenkalkulation';
  return ATTACHMENT_NAMES[kind];
}

const CLIMATE = [
  'Die Maßnahme trägt zur Verringerung der Treibhausgasemissionen bei und unterstützt die Ziele des Klimaschutzkonzepts.',
  'Auswirkungen auf den Klimaschutz sind nicht zu erwarten.',
  'Die Maßnahme hat geringe negative Auswirkungen auf das Klima, die durch Ersatzpflanzungen und eine energieeffiziente Ausführung ausgeglichen werden.',
  'Die Vorlage wurde mit dem Klimaschutzmanagement abgestimmt; es ergeben sich positive Auswirkungen auf die Klimaanpassung.',
];

const PARTICIPATION = [
  'Die Gleichstellungsbeauftragte wurde beteiligt und hat keine Bedenken geäußert.',
  'Der Seniorenbeirat und der Beirat für Menschen mit Behinderung wurden beteiligt.',
  'Die Vorlage wurde mit dem Personalrat abgestimmt.',
  'Die betroffenen Anliegerinnen und Anlieger wurden in einer Informationsveranstaltung unterrichtet.',
];

function financeText(doc: PlannedDocument): string {
  const cost = doc.topic?.cost;
  if (!cost) return 'Der Beschluss hat keine unmittelbaren finanziellen Auswirkungen auf den Haushalt. Etwaige Mehrerträge oder Mehraufwendungen werden im nächsten Haushaltsplan berücksichtigt.';
  const product = `0${doc.unit.replace('fb', '')}.${(doc.key.length % 9) + 1}.0${(doc.key.charCodeAt(0) % 7) + 1}`;
  return fillTokens(
    `Die Gesamtkosten belaufen sich nach derzeitiger Schätzung auf ${formatEuro(cost)}. Die Mittel sind im Haushaltsplan {budget} im Produkt ${product} veranschlagt; für die Folgejahre werden Verpflichtungsermächtigungen benötigt. Fördermittel wurden beantragt; ein Bewilligungsbescheid liegt noch nicht vor.`,
    doc.date,
  );
}

function header(doc: PlannedDocument): readonly (readonly [string, string])[] {
  const rows: [string, string][] = [
    ['Vorlage-Nr.', doc.reference],
    ['Vorlagenart', doc.type],
    ['Datum', formatDate(doc.date)],
  ];
  if (doc.faction) rows.push([doc.type === 'Anfrage' ? 'Fragesteller' : 'Antragsteller', factionByKey(doc.faction).name]);
  else rows.push(['Federführung', unitName(doc)]);
  rows.push(['Öffentlichkeit', doc.public ? 'öffentlich' : 'nichtöffentlich']);
  return rows;
}

function route(doc: PlannedDocument): PdfBlock[] {
  if (doc.steps.length === 0) return [];
  return [
    { kind: 'heading', text: 'Beratungsfolge' },
    {
      kind: 'list',
      items: doc.steps.map((step) => {
        const board = boardByKey(step.board).name;
        return step.entry ? `${board} (${step.role}) – Sitzung am ${formatDate(step.entry.session.date)}` : `${board} (${step.role})`;
      }),
    },
  ];
}

function decidingBody(doc: PlannedDocument): string {
  const decision = doc.steps.find((s) => s.role === 'Entscheidung');
  return boardByKey(decision?.board ?? 'rat').nominative;
}

function proposalBlocks(doc: PlannedDocument, ctx: TextContext): PdfBlock[] {
  const topic = doc.topic;
  if (!topic) return [];
  const random = Random.from(`text:${doc.key}`);
  const attachments = topic.attachments.map((kind, i) => `Anlage ${i + 1}: ${attachmentName(doc, kind)}`);
  return [
    { kind: 'heading', text: 'Beschlussvorschlag' },
    { kind: 'paragraph', text: `${decidingBody(doc)} ${fillTokens(topic.resolution, doc.date)}` },
    { kind: 'heading', text: 'Sachverhalt' },
    { kind: 'paragraph', text: `Die Verwaltung legt hiermit die Vorlage „${doc.title}“ zur Beratung und Beschlussfassung vor.` },
    ...topic.facts.map((fact): PdfBlock => ({ kind: 'paragraph', text: fillTokens(fact, doc.date) })),
    { kind: 'heading', text: 'Begründung' },
    ...topic.reasons.map((reason): PdfBlock => ({ kind: 'paragraph', text: fillTokens(reason, doc.date) })),
    { kind: 'paragraph', text: random.pick(PARTICIPATION) },
    { kind: 'heading', text: 'Finanzielle Auswirkungen' },
    { kind: 'paragraph', text: financeText(doc) },
    { kind: 'heading', text: 'Auswirkungen auf den Klimaschutz' },
    { kind: 'paragraph', text: random.pick(CLIMATE) },
    ...(attachments.length ? [{ kind: 'heading', text: 'Anlagen' } as const, { kind: 'list', items: attachments } as const] : []),
    { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.mayorName, role: 'Bürgermeisterin' },
  ];
}

function closedBlocks(doc: PlannedDocument, ctx: TextContext): PdfBlock[] {
  const matter = doc.closed;
  if (!matter) return [];
  return [
    { kind: 'paragraph', text: 'Diese Vorlage ist nichtöffentlich. Sie ist nur für die Mitglieder der beratenden Gremien bestimmt und vertraulich zu behandeln.' },
    { kind: 'heading', text: 'Beschlussvorschlag' },
    { kind: 'paragraph', text: `${decidingBody(doc)} ${matter.resolution}` },
    { kind: 'heading', text: 'Sachverhalt' },
    ...matter.text.map((text): PdfBlock => ({ kind: 'paragraph', text })),
    { kind: 'heading', text: 'Finanzielle Auswirkungen' },
    { kind: 'paragraph', text: 'Die erforderlichen Mittel stehen im laufenden Haushalt zur Verfügung.' },
    { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.mayorName, role: 'Bürgermeisterin' },
  ];
}

function motionBlocks(doc: PlannedDocument, ctx: TextContext): PdfBlock[] {
  const motion = doc.topic?.motion;
  if (!motion || !doc.faction) return [];
  return [
    { kind: 'paragraph', text: 'Sehr geehrte Frau Bürgermeisterin,\ndie Fraktion stellt zur nächsten Sitzung folgenden Antrag:' },
    { kind: 'heading', text: `${decidingBody(doc)} möge beschließen:` },
    { kind: 'paragraph', text: fillTokens(motion.request, doc.date) },
    { kind: 'heading', text: 'Begründung' },
    ...motion.reasons.map((reason): PdfBlock => ({ kind: 'paragraph', text: fillTokens(reason, doc.date) })),
    { kind: 'paragraph', text: fillTokens(doc.topic?.facts[0] ?? '', doc.date) },
    { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.factionChair(doc.faction, doc.date), role: `für die ${factionByKey(doc.faction).name}` },
  ];
}

function statementBlocks(doc: PlannedDocument, ctx: TextContext, motion: PlannedDocument | undefined): PdfBlock[] {
  const topic = doc.topic;
  if (!topic) return [];
  return [
    { kind: 'paragraph', text: `Zum Antrag ${motion ? `${motion.reference} ` : ''}der ${motion?.faction ? factionByKey(motion.faction).name : 'Fraktion'} nimmt die Verwaltung wie folgt Stellung:` },
    ...topic.facts.slice(0, 2).map((fact): PdfBlock => ({ kind: 'paragraph', text: fillTokens(fact, doc.date) })),
    { kind: 'paragraph', text: 'Die Verwaltung begrüßt das Anliegen grundsätzlich. Sie weist jedoch darauf hin, dass für die Umsetzung zusätzliche Personal- und Sachmittel erforderlich sind, die im laufenden Haushalt nicht veranschlagt sind.' },
    { kind: 'paragraph', text: `Die Verwaltung empfiehlt, den Antrag in die anstehende Beratung der Vorlage „${fillTokens(topic.title, doc.date)}“ einzubeziehen.` },
    { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.mayorName, role: 'Bürgermeisterin' },
  ];
}

function inquiryBlocks(doc: PlannedDocument, ctx: TextContext): PdfBlock[] {
  const inquiry = doc.topic?.inquiry;
  if (!inquiry || !doc.faction) return [];
  return [
    { kind: 'paragraph', text: 'Sehr geehrte Frau Bürgermeisterin,\ngemäß § 17 der Geschäftsordnung des Rates bitten wir um Beantwortung der folgenden Fragen in der nächsten Sitzung:' },
    { kind: 'list', numbered: true, items: inquiry.questions.map((q) => fillTokens(q, doc.date)) },
    { kind: 'heading', text: 'Begründung' },
    { kind: 'paragraph', text: 'Bürgerinnen und Bürger haben sich mit Fragen zu diesem Thema an unsere Fraktion gewandt. Wir bitten um eine schriftliche Antwort, die der Niederschrift beigefügt wird.' },
    { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.factionChair(doc.faction, doc.date), role: `für die ${factionByKey(doc.faction).name}` },
  ];
}

function reportBlocks(doc: PlannedDocument, ctx: TextContext): PdfBlock[] {
  const topic = doc.topic;
  if (doc.routine) {
    return [
      { kind: 'heading', text: 'Mitteilung' },
      ...doc.routine.map((text): PdfBlock => ({ kind: 'paragraph', text })),
      { kind: 'paragraph', text: 'Die Mitteilung dient der Kenntnisnahme; ein Beschluss ist nicht erforderlich.' },
      { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.mayorName, role: 'Bürgermeisterin' },
    ];
  }
  if (!topic?.report) return [];
  return [
    { kind: 'heading', text: 'Mitteilung' },
    ...topic.report.text.map((text): PdfBlock => ({ kind: 'paragraph', text: fillTokens(text, doc.date) })),
    { kind: 'paragraph', text: fillTokens(topic.facts[topic.facts.length - 1], doc.date) },
    { kind: 'paragraph', text: 'Die Verwaltung wird über den weiteren Fortgang berichten. Die Mitteilung dient der Kenntnisnahme; ein Beschluss ist nicht erforderlich.' },
    { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.mayorName, role: 'Bürgermeisterin' },
  ];
}

/** The main file of a document. */
export function documentContent(doc: PlannedDocument, ctx: TextContext, motion?: PlannedDocument): PdfContent {
  const issuer = doc.faction ? `${factionByKey(doc.faction).name} im Rat der Stadt Musterstadt` : ADMINISTRATION;
  let body: PdfBlock[];
  if (doc.closed) body = closedBlocks(doc, ctx);
  else {
    switch (doc.type) {
      case 'Beschlussvorlage':
        body = proposalBlocks(doc, ctx);
        break;
      case 'Antrag':
        body = motionBlocks(doc, ctx);
        break;
      case 'Stellungnahme':
        body = statementBlocks(doc, ctx, motion);
        break;
      case 'Anfrage':
        body = inquiryBlocks(doc, ctx);
        break;
      case 'Mitteilungsvorlage':
        body = reportBlocks(doc, ctx);
        break;
    }
  }
  return {
    issuer,
    title: doc.title,
    subtitle: `${doc.type} ${doc.reference}${doc.public ? '' : ' – nichtöffentlich'}`,
    date: doc.date,
    blocks: [{ kind: 'fields', rows: header(doc) }, ...route(doc), ...body],
    footer: `Vorlage ${doc.reference}`,
  };
}

function costRows(doc: PlannedDocument, random: Random): { rows: [string, string][]; total: [string, string] } {
  const items = doc.topic?.costItems ?? ['Planungsleistungen', 'Bau- und Lieferleistungen', 'Ausstattung', 'Unvorhergesehenes'];
  const total = doc.topic?.cost ?? random.int(8, 95) * 100_000;
  const weights = items.map(() => random.int(2, 10));
  const sum = weights.reduce((a, b) => a + b, 0);
  let rest = total;
  const rows = items.map((item, i): [string, string] => {
    const amount = i === items.length - 1 ? rest : Math.round((total * weights[i]) / sum / 100) * 100;
    rest -= amount;
    return [item, formatEuro(amount)];
  });
  return { rows, total: [doc.topic?.bylaw ? 'Gebührenbedarf gesamt' : 'Gesamtkosten (brutto)', formatEuro(total)] };
}

function bylawParagraphs(doc: PlannedDocument): PdfBlock[] {
  const name = fillTokens(doc.topic?.bylaw ?? doc.title, doc.date);
  return [
    { kind: 'paragraph', text: `Aufgrund der Gemeindeordnung und des Kommunalabgabengesetzes in der jeweils geltenden Fassung hat der Rat der Stadt Musterstadt in seiner Sitzung folgende Satzung beschlossen:` },
    { kind: 'heading', text: '§ 1 Geltungsbereich' },
    { kind: 'paragraph', text: `Diese Satzung gilt für das gesamte Gebiet der Stadt Musterstadt. Sie regelt die Erhebung von Gebühren und Entgelten nach Maßgabe der folgenden Bestimmungen (${name}).` },
    { kind: 'heading', text: '§ 2 Gebührenpflicht und Gebührenschuldner' },
    { kind: 'paragraph', text: 'Gebührenpflichtig ist, wer die Einrichtung in Anspruch nimmt oder in dessen Auftrag sie in Anspruch genommen wird. Mehrere Gebührenschuldner haften als Gesamtschuldner.' },
    { kind: 'heading', text: '§ 3 Höhe der Gebühren' },
    { kind: 'paragraph', text: 'Die Höhe der Gebühren ergibt sich aus dem anliegenden Gebührentarif, der Bestandteil dieser Satzung ist. Für die Übergangszeit gelten die bisherigen Gebührensätze für Anträge, die vor dem Inkrafttreten gestellt wurden.' },
    { kind: 'heading', text: '§ 4 Entstehung und Fälligkeit' },
    { kind: 'paragraph', text: 'Die Gebührenschuld entsteht mit der Inanspruchnahme der Leistung. Die Gebühren werden einen Monat nach Bekanntgabe des Gebührenbescheides fällig.' },
    { kind: 'heading', text: '§ 5 Inkrafttreten' },
    { kind: 'paragraph', text: fillTokens('Diese Satzung tritt am 1. Januar {next} in Kraft. Gleichzeitig tritt die bisherige Satzung außer Kraft.', doc.date) },
  ];
}

const FESTSETZUNGEN: readonly PdfBlock[] = [
  { kind: 'heading', text: '1. Art der baulichen Nutzung' },
  { kind: 'paragraph', text: 'Festgesetzt wird ein Allgemeines Wohngebiet (WA) gemäß § 4 BauNVO. Tankstellen und Gartenbaubetriebe sind nicht zulässig.' },
  { kind: 'heading', text: '2. Maß der baulichen Nutzung' },
  { kind: 'paragraph', text: 'Die Grundflächenzahl beträgt 0,4. Zulässig sind höchstens drei Vollgeschosse; die maximale Gebäudehöhe beträgt 11,50 Meter über Straßenniveau.' },
  { kind: 'heading', text: '3. Grünordnung und Klimaanpassung' },
  { kind: 'paragraph', text: 'Flachdächer und flach geneigte Dächer bis 15 Grad sind extensiv zu begrünen. Je angefangene 300 Quadratmeter Grundstücksfläche ist ein standortgerechter Laubbaum zu pflanzen. Der 20 Meter breite Uferstreifen am Mühlenbach ist von jeder Bebauung freizuhalten.' },
  { kind: 'heading', text: '4. Niederschlagswasser' },
  { kind: 'paragraph', text: 'Das Niederschlagswasser ist auf den Grundstücken zurückzuhalten und zu versickern. Zufahrten und Stellplätze sind mit wasserdurchlässigen Belägen herzustellen.' },
];

function reportParagraphs(doc: PlannedDocument, random: Random): PdfBlock[] {
  const topic = doc.topic;
  const methods = [
    'Grundlage der Untersuchung sind Ortsbegehungen, Messungen und die Auswertung der vorhandenen Bestandsunterlagen.',
    'Das Gutachterbüro hat hierzu Zählungen an Werktagen und am Wochenende durchgeführt und mit den Daten aus dem Jahr 2019 verglichen.',
    'Die Untersuchung folgt den einschlägigen technischen Regelwerken und Leitfäden des Landes.',
  ];
  return [
    { kind: 'heading', text: 'Zusammenfassung' },
    { kind: 'paragraph', text: random.pick(methods) },
    ...(topic?.facts ?? []).map((fact): PdfBlock => ({ kind: 'paragraph', text: fillTokens(fact, doc.date) })),
    { kind: 'heading', text: 'Empfehlungen' },
    { kind: 'list', items: (topic?.reasons ?? []).map((r) => fillTokens(r, doc.date)) },
  ];
}

/** An attachment (Anlage) of a draft resolution. */
export function attachmentContent(doc: PlannedDocument, kind: AttachmentKind, number: number): PdfContent {
  const random = Random.from(`attachment:${doc.key}:${kind}`);
  const name = attachmentName(doc, kind);
  let blocks: PdfBlock[];
  switch (kind) {
    case 'kosten': {
      const { rows, total } = costRows(doc, random);
      blocks = [{ kind: 'paragraph', text: 'Kostenschätzung nach DIN 276 auf Grundlage der Entwurfsplanung, Preisstand des laufenden Jahres, einschließlich Umsatzsteuer.' }, { kind: 'amounts', rows, total }];
      break;
    }
    case 'lageplan':
      blocks = [
        { kind: 'sitePlan', caption: `Lageplan zur Vorlage ${doc.reference}: ${doc.title} (ohne Maßstab)`, seed: doc.key },
        { kind: 'paragraph', text: 'Der Lageplan zeigt den Geltungsbereich der Maßnahme (rot gestrichelt) sowie die angrenzenden Straßen und Grundstücke. Kartengrundlage: Liegenschaftskataster der Stadt Musterstadt.' },
      ];
      break;
    case 'satzung':
      blocks = bylawParagraphs(doc);
      break;
    case 'festsetzungen':
      blocks = [...FESTSETZUNGEN];
      break;
    case 'gutachten':
      blocks = reportParagraphs(doc, random);
      break;
    case 'praesentation':
      blocks = [
        { kind: 'heading', text: 'Folie 1: Ausgangslage' },
        { kind: 'list', items: (doc.topic?.facts ?? []).slice(0, 2).map((f) => fillTokens(f, doc.date)) },
        { kind: 'heading', text: 'Folie 2: Ziele' },
        { kind: 'list', items: (doc.topic?.reasons ?? []).map((r) => fillTokens(r, doc.date)) },
        { kind: 'heading', text: 'Folie 3: Nächste Schritte' },
        { kind: 'list', items: ['Beratung in den Fachausschüssen', 'Beschluss des Rates', 'Ausschreibung und Umsetzung', 'Bericht über die Ergebnisse'] },
      ];
      break;
    case 'beirat':
      blocks = [
        { kind: 'paragraph', text: 'Der Seniorenbeirat der Stadt Musterstadt hat sich in seiner Sitzung ausführlich mit der Vorlage befasst.' },
        { kind: 'paragraph', text: 'Er begrüßt das Konzept ausdrücklich und regt an, die Barrierefreiheit von Gehwegen, Übergängen und Bushaltestellen mit höchster Priorität umzusetzen.' },
        { kind: 'paragraph', text: 'Außerdem bittet der Beirat darum, ältere Menschen ohne Internetzugang weiterhin persönlich und telefonisch zu beraten.' },
      ];
      break;
  }
  return {
    issuer: ADMINISTRATION,
    title: `Anlage ${number}: ${name}`,
    subtitle: `zur Vorlage ${doc.reference} – ${doc.title}`,
    date: doc.date,
    blocks,
    footer: `Vorlage ${doc.reference}, Anlage ${number}`,
  };
}

const ANSWER_OPENERS = [
  'Nach Auskunft des zuständigen Fachbereichs',
  'Nach den vorliegenden Zahlen',
  'Nach derzeitigem Kenntnisstand',
  'Wie bereits im Ausschuss berichtet,',
];

/** The administration's written answer to a question (Anfrage). */
export function answerContent(doc: PlannedDocument, ctx: TextContext): PdfContent {
  const random = Random.from(`answer:${doc.key}`);
  const questions = doc.topic?.inquiry?.questions ?? [];
  const facts = doc.topic?.facts ?? [];
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: `Die Anfrage ${doc.reference} beantwortet die Verwaltung wie folgt:` }];
  questions.forEach((question, i) => {
    blocks.push({ kind: 'heading', text: `Frage ${i + 1}: ${fillTokens(question, doc.date)}` });
    const fact = facts[i % Math.max(facts.length, 1)] ?? '';
    blocks.push({ kind: 'paragraph', text: `${random.pick(ANSWER_OPENERS)} lässt sich die Frage wie folgt beantworten: ${fillTokens(fact, doc.date)}` });
  });
  blocks.push({ kind: 'signature', place: `${BODY.shortName}, den ${formatDate(doc.date)}`, name: ctx.mayorName, role: 'Bürgermeisterin' });
  return { issuer: ADMINISTRATION, title: `Antwort der Verwaltung auf die Anfrage ${doc.reference}`, subtitle: doc.title, date: doc.date, blocks, footer: `Anfrage ${doc.reference}` };
}

/** "zur Gemeinsamen Sitzung …": the session name after a dative article. */
const dativeName = (session: PlannedSession): string => session.name.replace(/^Gemeinsame /, 'Gemeinsamen ');

/** The invitation with the public agenda. */
export function invitationContent(session: PlannedSession, items: readonly AgendaItemPlan[], ctx: TextContext, sentOn: string): PdfContent {
  const { chair } = ctx.attendance(session);
  const publicItems = items.filter((item) => item.public);
  return {
    issuer: `${BODY.name} – ${boardByKey(session.boards[0]).name}`,
    title: `Einladung zur ${dativeName(session)}`,
    date: sentOn,
    blocks: [
      { kind: 'paragraph', text: `Sehr geehrte Damen und Herren,\nhiermit lade ich Sie zur ${dativeName(session)} am ${formatLongDate(session.date)}, um ${formatTime(session.start)} Uhr, ${locationText(session)}, ein.` },
      { kind: 'heading', text: 'Tagesordnung – öffentlicher Teil' },
      { kind: 'fields', rows: publicItems.map((item) => [item.number, item.name] as const) },
      { kind: 'paragraph', text: 'Die Vorlagen zu den Tagesordnungspunkten sind im Ratsinformationssystem veröffentlicht. Die Sitzung ist öffentlich; Gäste sind herzlich willkommen.' },
      { kind: 'signature', place: `${BODY.shortName}, den ${formatDate(sentOn)}`, name: chair, role: 'Vorsitz' },
    ],
    footer: `Einladung ${formatDate(session.date)}`,
  };
}

/** The minutes of the public part (Ergebnisprotokoll). */
export function minutesContent(session: PlannedSession, items: readonly AgendaItemPlan[], ctx: TextContext, written: string): PdfContent {
  const { present, excused, chair } = ctx.attendance(session);
  const publicItems = items.filter((item) => item.public);
  const last = publicItems.at(-1);
  const blocks: PdfBlock[] = [
    {
      kind: 'fields',
      rows: [
        ['Sitzungstag', formatLongDate(session.date)],
        ['Beginn', `${formatTime(session.start)} Uhr`],
        ['Ende', `${formatTime(last?.end ?? session.end)} Uhr (öffentlicher Teil)`],
        ['Ort', locationText(session)],
        ['Vorsitz', chair],
        ['Schriftführung', CLERK],
      ],
    },
    { kind: 'heading', text: 'Anwesend' },
    { kind: 'paragraph', text: present.join(', ') },
  ];
  if (excused.length) blocks.push({ kind: 'heading', text: 'Entschuldigt' }, { kind: 'paragraph', text: excused.join(', ') });
  blocks.push({ kind: 'paragraph', text: 'Die Sitzungsleitung eröffnet die Sitzung, begrüßt die Anwesenden und stellt die ordnungsgemäße Einladung sowie die Beschlussfähigkeit fest.' });
  for (const item of publicItems) {
    blocks.push({ kind: 'heading', text: `${item.number} ${item.name}` });
    const reference = item.entry ? item.entry.steps.map((s) => `Vorlage ${s.document.reference}`).join(', ') : null;
    if (reference) blocks.push({ kind: 'paragraph', text: reference });
    if (item.resolution) blocks.push({ kind: 'paragraph', text: item.resolution });
    if (item.result) blocks.push({ kind: 'paragraph', text: `Ergebnis: ${item.result}` });
  }
  blocks.push({ kind: 'paragraph', text: 'Der nichtöffentliche Teil der Sitzung wird in einer gesonderten Niederschrift festgehalten.' });
  blocks.push({ kind: 'signature', place: `${BODY.shortName}, den ${formatDate(written)}`, name: `${chair} (Vorsitz)`, role: `${CLERK} (Schriftführung)` });
  return { issuer: `${BODY.name} – ${boardByKey(session.boards[0]).name}`, title: `Niederschrift über die ${session.name}`, subtitle: `öffentlicher Teil, Sitzung vom ${formatDate(session.date)}`, date: written, blocks, footer: `Niederschrift ${formatDate(session.date)}` };
}

/** An extract of the minutes with one decision (Beschlussausfertigung). */
export function resolutionContent(item: AgendaItemPlan, ctx: TextContext): PdfContent {
  const session = item.session;
  const date = berlinDate(session.start);
  const { chair } = ctx.attendance(session);
  return {
    issuer: `${BODY.name} – ${boardByKey(session.boards[0]).name}`,
    title: `Beschluss zu TOP ${item.number}: ${item.name}`,
    subtitle: 'Auszug aus der Niederschrift',
    date,
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Gremium', boardByKey(session.boards[0]).name],
          ['Sitzung', `${session.name} am ${formatDate(session.date)}`],
          ['Tagesordnungspunkt', item.number],
          ['Vorlage', item.entry?.steps[0]?.document.reference ?? '–'],
        ],
      },
      { kind: 'heading', text: 'Beschluss' },
      { kind: 'paragraph', text: item.resolution ?? '' },
      { kind: 'heading', text: 'Abstimmungsergebnis' },
      { kind: 'paragraph', text: item.result ?? '' },
      { kind: 'signature', place: `Für die Richtigkeit des Auszugs: ${BODY.shortName}, den ${formatDate(date)}`, name: chair, role: 'Vorsitz' },
    ],
    footer: `Beschluss ${formatDate(session.date)} – TOP ${item.number}`,
  };
}
