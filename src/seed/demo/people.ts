import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, PROFESSIONS } from '../names';
import { Random } from '../random';
import { addDays } from '../time';
import { BOARDS, BoardKey, FACTIONS, FactionKey } from './catalog';

/** Councillors, the mayor and citizen members of Musterstadt, and who sat where when. */

export interface Term {
  index: 0 | 1;
  name: string;
  start: string;
  end: string;
}

/** Terms run five years from 1 November; the previous and the current one around `today`. */
export function legislativeTerms(today: string): [Term, Term] {
  const year = Number(today.slice(0, 4));
  let startYear = year - (((year - 2020) % 5) + 5) % 5;
  if (today < `${startYear}-11-01`) startYear -= 5;
  const term = (index: 0 | 1, from: number): Term => ({
    index,
    name: `Wahlperiode ${from}–${from + 5}`,
    start: `${from}-11-01`,
    end: `${from + 5}-10-31`,
  });
  return [term(0, startYear - 5), term(1, startYear)];
}

export type Gender = 'female' | 'male' | 'other';

export interface PersonPlan {
  key: string;
  givenName: string;
  familyName: string;
  gender: Gender;
  titles: string[];
  kind: 'mayor' | 'councillor' | 'citizen';
  faction: FactionKey | null;
  email: string | null;
  phone: string | null;
  life: string | null;
  status: string[];
}

/** A seat: a membership of a person in a board, faction or the council. */
export interface SeatPlan {
  key: string;
  personKey: string;
  /** A board or faction key. */
  committee: BoardKey | FactionKey;
  role: string;
  votingRight: boolean;
  onBehalfOf: FactionKey | null;
  start: string;
  end: string | null;
}

export interface PeoplePlan {
  people: PersonPlan[];
  seats: SeatPlan[];
  mayor: PersonPlan;
}

/** "Jürgen Weiß" → "juergen.weiss" */
export function mailName(givenName: string, familyName: string): string {
  const ascii = (s: string): string =>
    s
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z]/g, '');
  return `${ascii(givenName)}.${ascii(familyName)}`;
}

const genderedRole = (gender: Gender, female: string, male: string): string => (gender === 'female' ? female : male);

export const memberRoles = {
  chair: (g: Gender) => genderedRole(g, 'Vorsitzende', 'Vorsitzender'),
  deputy: (g: Gender) => genderedRole(g, 'stellv. Vorsitzende', 'stellv. Vorsitzender'),
  factionChair: (g: Gender) => genderedRole(g, 'Fraktionsvorsitzende', 'Fraktionsvorsitzender'),
  factionDeputy: (g: Gender) => genderedRole(g, 'stellv. Fraktionsvorsitzende', 'stellv. Fraktionsvorsitzender'),
  citizen: (g: Gender) => genderedRole(g, 'Sachkundige Bürgerin', 'Sachkundiger Bürger'),
  member: () => 'Mitglied',
};

class NameSource {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  next(gender: Gender): { givenName: string; familyName: string } {
    for (;;) {
      const givenName = this.random.pick(gender === 'male' ? MALE_NAMES : gender === 'female' ? FEMALE_NAMES : [...FEMALE_NAMES, ...MALE_NAMES]);
      const familyName = this.random.pick(FAMILY_NAMES);
      if (!this.used.has(familyName) || this.used.size >= FAMILY_NAMES.length) {
        this.used.add(familyName);
        return { givenName, familyName };
      }
    }
  }
}

function makePerson(key: string, kind: PersonPlan['kind'], faction: FactionKey | null, names: NameSource, random: Random, index: number): PersonPlan {
  const gender: Gender = index === 17 ? 'other' : random.chance(0.5) ? 'female' : 'male';
  const { givenName, familyName } = names.next(gender);
  const titles = random.chance(0.14) ? ['Dr.'] : [];
  const withMail = kind !== 'citizen' && random.chance(0.55);
  return {
    key,
    givenName,
    familyName,
    gender,
    titles,
    kind,
    faction,
    email: withMail ? `${mailName(givenName, familyName)}@rat.musterstadt.example` : null,
    phone: withMail && random.chance(0.3) ? `+49 9999 4711-${random.int(100, 999)}` : null,
    life: random.chance(0.4) ? `Jahrgang ${random.int(1952, 1996)}, ${random.pick(PROFESSIONS)}` : null,
    status: [],
  };
}

interface TermRoster {
  councillors: Map<FactionKey, PersonPlan[]>;
}

/**
 * Everyone who sat on the council in either term: per faction some serve both terms, some
 * only the previous one, some join with the current one.
 */
function buildRosters(random: Random, names: NameSource): { people: PersonPlan[]; rosters: [TermRoster, TermRoster] } {
  const people: PersonPlan[] = [];
  const rosters: [TermRoster, TermRoster] = [{ councillors: new Map() }, { councillors: new Map() }];
  let index = 0;
  for (const faction of FACTIONS) {
    const [before, now] = faction.seats;
    const staying = Math.min(before, now) - (faction.key === 'lsg' ? 1 : 2);
    const leaving = before - staying;
    const joining = now - staying;
    const make = (suffix: string): PersonPlan => makePerson(`${faction.key}-${suffix}`, 'councillor', faction.key, names, random, index++);
    const stay = Array.from({ length: staying }, (_, i) => make(`s${i}`));
    const left = Array.from({ length: leaving }, (_, i) => make(`l${i}`));
    const joined = Array.from({ length: joining }, (_, i) => make(`j${i}`));
    people.push(...stay, ...left, ...joined);
    rosters[0].councillors.set(faction.key, [...stay, ...left]);
    rosters[1].councillors.set(faction.key, [...stay, ...joined]);
  }
  return { people, rosters };
}

/** Gives each committee seat to the councillor of the faction with the fewest seats so far. */
class SeatAllocator {
  private readonly load = new Map<string, number>();

  take(candidates: readonly PersonPlan[], count: number): PersonPlan[] {
    const chosen = [...candidates].sort((a, b) => (this.load.get(a.key) ?? 0) - (this.load.get(b.key) ?? 0)).slice(0, count);
    for (const person of chosen) this.load.set(person.key, (this.load.get(person.key) ?? 0) + 1);
    return chosen;
  }
}

const CHAIR_FACTIONS: readonly FactionKey[] = ['blm', 'gz', 'sm', 'blm', 'gz', 'sm', 'lsg', 'blm'];

export function planPeople(terms: readonly [Term, Term], today: string): PeoplePlan {
  const random = Random.from('musterstadt:people');
  const names = new NameSource(random);
  const mayor: PersonPlan = {
    key: 'mayor',
    givenName: 'Katharina',
    familyName: 'Sommer',
    gender: 'female',
    titles: ['Dr.'],
    kind: 'mayor',
    faction: null,
    email: 'buergermeisterin@musterstadt.example',
    phone: '+49 9999 4711-100',
    life: 'Jahrgang 1969, Juristin; Bürgermeisterin seit 2020',
    status: ['Bürgermeisterin'],
  };
  const { people: councillors, rosters } = buildRosters(random, names);
  const citizens = Array.from({ length: 6 }, (_, i) => makePerson(`citizen-${i}`, 'citizen', FACTIONS[i % FACTIONS.length].key, names, random, 100 + i));
  const seats: SeatPlan[] = [];
  const seat = (person: PersonPlan, committee: BoardKey | FactionKey, role: string, term: Term, extra: Partial<SeatPlan> = {}): void => {
    seats.push({
      key: `${person.key}:${committee}:${term.index}:${seats.length}`,
      personKey: person.key,
      committee,
      role,
      votingRight: true,
      onBehalfOf: person.faction,
      start: term.start,
      end: term.index === 0 ? term.end : null,
      ...extra,
    });
  };

  for (const term of terms) {
    const roster = rosters[term.index];
    seat(mayor, 'rat', memberRoles.chair(mayor.gender), term, { onBehalfOf: null });
    for (const faction of FACTIONS) {
      const members = roster.councillors.get(faction.key) ?? [];
      members.forEach((person, i) => {
        seat(person, 'rat', memberRoles.member(), term);
        const role = i === 0 ? memberRoles.factionChair(person.gender) : i === 1 ? memberRoles.factionDeputy(person.gender) : memberRoles.member();
        seat(person, faction.key, role, term, { onBehalfOf: null });
      });
    }
    const allocator = new SeatAllocator();
    BOARDS.filter((b) => b.kind === 'committee').forEach((board, boardIndex) => {
      const chairFaction = CHAIR_FACTIONS[boardIndex % CHAIR_FACTIONS.length];
      const deputyFaction = CHAIR_FACTIONS[(boardIndex + 1) % CHAIR_FACTIONS.length];
      let chairGiven = board.key === 'hfa';
      if (board.key === 'hfa') seat(mayor, 'hfa', memberRoles.chair(mayor.gender), term, { onBehalfOf: null });
      let deputyGiven = false;
      for (const faction of FACTIONS) {
        const count = board.seats?.[faction.key] ?? 0;
        const chosen = allocator.take(roster.councillors.get(faction.key) ?? [], count);
        for (const person of chosen) {
          let role = memberRoles.member();
          if (!chairGiven && faction.key === chairFaction) {
            role = memberRoles.chair(person.gender);
            chairGiven = true;
          } else if (!deputyGiven && faction.key === deputyFaction) {
            role = memberRoles.deputy(person.gender);
            deputyGiven = true;
          }
          seat(person, board.key, role, term);
        }
      }
      for (let i = 0; i < board.citizenSeats; i++) {
        const citizen = citizens[(boardIndex * 2 + i) % citizens.length];
        seat(citizen, board.key, memberRoles.citizen(citizen.gender), term, { votingRight: false });
      }
    });
  }

  applyFactionSwitch(seats, rosters[1], terms[1], today);
  applySuccession(seats, rosters[0], terms[0], councillors, names, random);

  const people = [mayor, ...councillors, ...citizens];
  for (const person of people) {
    if (person.kind === 'councillor') {
      const current = seats.some((s) => s.personKey === person.key && s.committee === 'rat' && s.end === null);
      person.status = [current ? (person.gender === 'female' ? 'Ratsfrau' : person.gender === 'male' ? 'Ratsherr' : 'Ratsmitglied') : 'ehemaliges Ratsmitglied'];
    } else if (person.kind === 'citizen') {
      person.status = [person.gender === 'female' ? 'Sachkundige Bürgerin' : 'Sachkundiger Bürger'];
    }
  }
  return { people, seats, mayor };
}

/** One councillor of the small liberal faction joins the Bürgerliste eight months into the term. */
function applyFactionSwitch(seats: SeatPlan[], roster: TermRoster, term: Term, today: string): void {
  const switchDate = addDays(term.start, 240);
  if (switchDate >= today) return;
  const person = (roster.councillors.get('lsg') ?? [])[2] ?? (roster.councillors.get('lsg') ?? [])[1];
  if (!person) return;
  const mine = seats.filter((s) => s.personKey === person.key && s.start === term.start && s.end === null);
  for (const old of mine) {
    old.end = addDays(switchDate, -1);
    if (old.committee === 'lsg') continue;
    seats.push({ ...old, key: `${old.key}:switch`, onBehalfOf: old.onBehalfOf === 'lsg' ? 'blm' : old.onBehalfOf, start: switchDate, end: null });
  }
  seats.push({ key: `${person.key}:blm:switch`, personKey: person.key, committee: 'blm', role: memberRoles.member(), votingRight: true, onBehalfOf: null, start: switchDate, end: null });
  person.faction = 'blm';
}

/** A councillor of the previous term resigns half-way; a successor takes over her seats. */
function applySuccession(seats: SeatPlan[], roster: TermRoster, term: Term, people: PersonPlan[], names: NameSource, random: Random): void {
  const leaver = (roster.councillors.get('gz') ?? []).at(-1);
  if (!leaver) return;
  const resignation = addDays(term.start, 900);
  const successor = makePerson('gz-successor', 'councillor', 'gz', names, random, 200);
  people.push(successor);
  for (const old of seats.filter((s) => s.personKey === leaver.key && s.start === term.start && s.end === term.end)) {
    old.end = addDays(resignation, -1);
    seats.push({ ...old, key: `${old.key}:successor`, personKey: successor.key, start: resignation, end: term.end });
  }
}

/** Seats held on `date`. */
export function seatsOn(seats: readonly SeatPlan[], committee: BoardKey | FactionKey, date: string): SeatPlan[] {
  return seats.filter((s) => s.committee === committee && s.start <= date && (s.end === null || s.end >= date));
}

export function displayName(person: PersonPlan): string {
  return [...person.titles, person.givenName, person.familyName].join(' ');
}
