import { md5Uuid } from '../ids';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from '../names';
import { Random } from '../random';
import type { CommitteeRow, LegislativeTermRow, LocationRow, MembershipRow, PersonRow } from '../tables';
import { addDays, berlinInstant, nthWeekdayOfMonth, toDate } from '../time';
import { COMMITTEE_SUBJECTS, DISTRICTS } from './vocabulary';

/**
 * The benchmark city's shape for a scale factor, and its small tables (terms, places,
 * committees, people, memberships), built in Node. The big tables are generated in SQL.
 */

export const LARGE_SLUG = 'grossstadt';
export const LARGE_NAME = 'Großstadt (Benchmark)';
/** Years of sessions: eleven past, one ahead. */
export const YEARS_BACK = 11;
export const YEARS_TOTAL = 12;
const FACTION_NAMES = ['Fraktion Bürgerbündnis', 'Fraktion Grüne Liste', 'Fraktion Soziale Stadt', 'Fraktion Freie Bürger', 'Fraktion Liberale Mitte', 'Fraktion Die Unabhängigen'];

export interface LargeShape {
  /** Committees that hold sessions besides the council. */
  committees: number;
  people: number;
  memberships: number;
  sessions: number;
  agendaItems: number;
  nonPublicItems: number;
  consultations: number;
  /** Follows from the consultations: two of three open a document. */
  documents: number;
  auxiliaryFiles: number;
  files: number;
}

export function largeShape(scale: number): LargeShape {
  const n = (base: number, min: number): number => Math.max(min, Math.round(base * scale));
  const consultations = n(120_000, 300);
  const documents = 2 * Math.floor(consultations / 3) + Math.min(consultations % 3, 2);
  const sessions = n(12_000, 60);
  const agendaItems = n(200_000, sessions * 12);
  return {
    committees: n(53, 4),
    people: n(600, 30),
    memberships: n(3_000, 100),
    sessions,
    agendaItems,
    nonPublicItems: Math.round(agendaItems * 0.1),
    consultations,
    documents,
    auxiliaryFiles: Math.round(documents * 1.5),
    files: n(250_000, 1_000),
  };
}

export interface Term {
  name: string;
  start: string;
  end: string;
}

export interface ReferenceData {
  firstDay: string;
  /** Weekdays from `firstDay` over the whole span. */
  weekdays: number;
  terms: LegislativeTermRow[];
  locations: LocationRow[];
  committees: CommitteeRow[];
  /** Council first, then the committees: the bodies sessions rotate over. */
  sessionCommitteeIds: string[];
  /** "Sitzung des Ausschusses für …", per session committee. */
  sessionTitles: string[];
  factionIds: string[];
  factionNames: string[];
  people: PersonRow[];
  mayorId: string;
  memberships: MembershipRow[];
}

const base = (bodyId: string, id: string, publishedAt: Date) => ({ id, body_id: bodyId, published_at: publishedAt, deleted_at: null, modified_by_key_id: null });

/** Terms of five years from 1 November (2015, 2020, …) covering `from`..`to`. */
function termsCovering(from: string, to: string): Term[] {
  const terms: Term[] = [];
  for (let year = 2000; year <= Number(to.slice(0, 4)); year += 5) {
    const term = { name: `Wahlperiode ${year}–${year + 5}`, start: `${year}-11-01`, end: `${year + 5}-10-31` };
    if (term.end >= from && term.start <= to) terms.push(term);
  }
  return terms;
}

interface CommitteeName {
  name: string;
  shortName: string;
  genitive: string;
}

function committeeNames(count: number): CommitteeName[] {
  const names: CommitteeName[] = [];
  const districts = Math.min(10, Math.ceil(count / 5));
  for (let i = 0; i < count; i++) {
    if (i < districts) {
      const district = DISTRICTS[i % DISTRICTS.length];
      names.push({ name: `Bezirksvertretung ${district}`, shortName: `BV ${district}`, genitive: `der Bezirksvertretung ${district}` });
      continue;
    }
    const j = i - districts;
    const subject = COMMITTEE_SUBJECTS[j % COMMITTEE_SUBJECTS.length];
    const round = Math.floor(j / COMMITTEE_SUBJECTS.length);
    const suffix = round ? ` (${round + 1})` : '';
    names.push({ name: `Ausschuss für ${subject}${suffix}`, shortName: `A ${j + 1}`, genitive: `des Ausschusses für ${subject}${suffix}` });
  }
  return names;
}

function people(bodyId: string, count: number, published: Date): PersonRow[] {
  const random = Random.from('grossstadt:people');
  return Array.from({ length: count }, (_, i) => {
    const female = random.chance(0.5);
    const givenName = random.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const familyName = random.pick(FAMILY_NAMES);
    const title = random.chance(0.12) ? ['Dr.'] : [];
    return {
      ...base(bodyId, md5Uuid(`${bodyId}:person:${i}`), published),
      name: [...title, givenName, familyName].join(' '),
      family_name: familyName,
      given_name: givenName,
      form_of_address: female ? 'Frau' : 'Herr',
      affix: null,
      title,
      gender: female ? 'female' : 'male',
      email: [],
      phone: [],
      status: [i === 0 ? 'Oberbürgermeisterin' : female ? 'Ratsfrau' : 'Ratsherr'],
      life: null,
      life_source: null,
      location_id: null,
    };
  });
}

function memberships(bodyId: string, shape: LargeShape, ref: Pick<ReferenceData, 'people' | 'sessionCommitteeIds' | 'factionIds'>, terms: Term[], today: string): MembershipRow[] {
  const councilSeats = Math.min(ref.people.length, Math.max(10, Math.round(ref.people.length * 0.15)));
  const factions = ref.factionIds.length;
  const rows: MembershipRow[] = [];
  for (let m = 0; m < shape.memberships; m++) {
    const p = m % ref.people.length;
    const round = Math.floor(m / ref.people.length);
    const person = ref.people[p];
    const female = person.gender === 'female';
    const term = terms[(p + round) % terms.length];
    const faction = ref.factionIds[p % factions];
    let committee: string;
    let role = 'Mitglied';
    let votingRight = true;
    let onBehalfOf: string | null = faction;
    if (round === 0) {
      committee = faction;
      onBehalfOf = null;
      if (p < factions) role = female ? 'Fraktionsvorsitzende' : 'Fraktionsvorsitzender';
      else if (p < 2 * factions) role = female ? 'stellv. Fraktionsvorsitzende' : 'stellv. Fraktionsvorsitzender';
    } else if (round === 1 && p < councilSeats) {
      committee = ref.sessionCommitteeIds[0];
    } else {
      committee = ref.sessionCommitteeIds[1 + ((p * 7 + round * 13) % (ref.sessionCommitteeIds.length - 1))];
      const turn = (p + round) % 17;
      if (turn === 0) role = female ? 'Vorsitzende' : 'Vorsitzender';
      else if (turn === 1) role = female ? 'stellv. Vorsitzende' : 'stellv. Vorsitzender';
      else if (p % 9 === 8) {
        role = female ? 'Sachkundige Bürgerin' : 'Sachkundiger Bürger';
        votingRight = false;
      }
    }
    rows.push({
      ...base(bodyId, md5Uuid(`${bodyId}:membership:${m}`), berlinInstant(term.start, 9)),
      person_id: person.id,
      committee_id: committee,
      role,
      voting_right: votingRight,
      on_behalf_of_id: onBehalfOf,
      start_date: term.start,
      end_date: term.end < today ? term.end : null,
    });
  }
  return rows;
}

export function referenceData(bodyId: string, shape: LargeShape, today: string): ReferenceData {
  const year = Number(today.slice(0, 4));
  const firstMonth = `${year - YEARS_BACK}-${today.slice(5, 7)}-01`;
  const firstDay = nthWeekdayOfMonth(firstMonth, 1, 1);
  const lastDay = addDays(firstDay, Math.round(YEARS_TOTAL * 365.25));
  const weekdays = Math.floor((toDate(lastDay).getTime() - toDate(firstDay).getTime()) / (7 * 86_400_000)) * 5;
  const terms = termsCovering(firstDay, lastDay);
  const published = berlinInstant(terms[0].start, 9);
  const id = (kind: string, i: number | string): string => md5Uuid(`${bodyId}:${kind}:${i}`);

  const locations: LocationRow[] = DISTRICTS.map((district, i) => ({
    ...base(bodyId, id('location', i), published),
    description: i === 0 ? 'Rathaus, Ratssaal' : `Bezirksrathaus ${district}, Sitzungssaal`,
    street_address: `${['Rathausplatz', 'Marktstraße', 'Hauptstraße', 'Kirchplatz'][i % 4]} ${i + 1}`,
    room: i === 0 ? 'Ratssaal' : 'Sitzungssaal',
    postal_code: `9${String(9000 + i * 10).padStart(4, '0')}`,
    sub_locality: district,
    locality: 'Großstadt',
    geojson: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [8.4 + i * 0.013, 50.1 + (i % 5) * 0.011] }, properties: { name: district } }),
  }));

  const councilId = id('committee', 'council');
  const names = committeeNames(shape.committees);
  const council: CommitteeRow = {
    ...base(bodyId, councilId, published),
    name: 'Rat der Stadt Großstadt',
    short_name: 'Rat',
    kind: 'council',
    classification: 'Parlament',
    start_date: terms[0].start,
    end_date: null,
    parent_id: null,
    location_id: locations[0].id,
    website: null,
  };
  const committees = names.map((name, i): CommitteeRow => ({
    ...council,
    id: id('committee', i),
    name: name.name,
    short_name: name.shortName,
    kind: 'committee',
    classification: name.name.startsWith('Bezirksvertretung') ? 'Bezirksvertretung' : 'Ausschuss',
    parent_id: name.name.startsWith('Bezirksvertretung') ? null : councilId,
    location_id: locations[i % locations.length].id,
  }));
  const factions = FACTION_NAMES.map((name, i): CommitteeRow => ({ ...council, id: id('faction', i), name, short_name: null, kind: 'faction', classification: 'Fraktion', parent_id: councilId, location_id: null }));
  const personRows = people(bodyId, shape.people, published);
  const partial = { people: personRows, sessionCommitteeIds: [councilId, ...committees.map((c) => c.id)], factionIds: factions.map((f) => f.id) };
  return {
    firstDay,
    weekdays,
    terms: terms.map((term) => ({ ...base(bodyId, id('term', term.start), published), name: term.name, start_date: term.start, end_date: term.end })),
    locations,
    committees: [council, ...committees, ...factions],
    sessionCommitteeIds: partial.sessionCommitteeIds,
    sessionTitles: ['Sitzung des Rates der Stadt Großstadt', ...names.map((n) => `Sitzung ${n.genitive}`)],
    factionIds: partial.factionIds,
    factionNames: FACTION_NAMES,
    people: personRows,
    mayorId: personRows[0].id,
    memberships: memberships(bodyId, shape, partial, terms, today),
  };
}
