/** The fixed parts of the fictional city of Musterstadt: places, bodies, factions, departments. */

export const BODY = {
  slug: 'musterstadt',
  name: 'Stadt Musterstadt',
  shortName: 'Musterstadt',
  website: 'https://www.musterstadt.example',
  license: 'https://creativecommons.org/licenses/by/4.0/',
  ags: '09999999',
  rgs: '099999999999',
  classification: 'Stadt',
  contactEmail: 'ratsbuero@musterstadt.example',
  contactName: 'Ratsbüro der Stadt Musterstadt',
  webUrlTemplates: {
    session: 'https://www.musterstadt.example/ratsinfo/sitzung/{id}',
    document: 'https://www.musterstadt.example/ratsinfo/vorlage/{id}',
    committee: 'https://www.musterstadt.example/ratsinfo/gremium/{id}',
    person: 'https://www.musterstadt.example/ratsinfo/person/{id}',
    agendaItem: 'https://www.musterstadt.example/ratsinfo/tagesordnungspunkt/{id}',
    file: 'https://www.musterstadt.example/ratsinfo/datei/{id}',
  },
} as const;

export const CITY = 'Musterstadt';
export const POSTAL_CODE = '99999';

export type LocationKey = 'ratssaal' | 'sitzungssaal' | 'technisches-rathaus' | 'buergerhaus-nord' | 'stadthalle';

export interface LocationDef {
  key: LocationKey;
  description: string;
  street: string;
  room: string | null;
  subLocality: string | null;
  /** [longitude, latitude] */
  coordinates: [number, number];
}

export const LOCATIONS: readonly LocationDef[] = [
  { key: 'ratssaal', description: 'Rathaus, Ratssaal', street: 'Marktplatz 1', room: 'Ratssaal (Raum 101)', subLocality: 'Altstadt', coordinates: [10.98731, 49.51244] },
  { key: 'sitzungssaal', description: 'Rathaus, Sitzungssaal 2', street: 'Marktplatz 1', room: 'Sitzungssaal 2 (Raum 214)', subLocality: 'Altstadt', coordinates: [10.98731, 49.51244] },
  { key: 'technisches-rathaus', description: 'Technisches Rathaus, Großer Besprechungsraum', street: 'Lindenstraße 14', room: 'Raum E.05', subLocality: 'Altstadt', coordinates: [10.99112, 49.51036] },
  { key: 'buergerhaus-nord', description: 'Bürgerhaus Nord, Saal', street: 'Mühlenweg 3', room: 'Großer Saal', subLocality: 'Musterstadt-Nord', coordinates: [10.98254, 49.52471] },
  { key: 'stadthalle', description: 'Stadthalle Musterstadt, Kleiner Saal', street: 'Schillerstraße 5', room: 'Kleiner Saal', subLocality: 'Südstadt', coordinates: [10.99468, 49.50512] },
];

/** A body that holds sessions: the council, its committees, a district council. */
export type BoardKey = 'rat' | 'hfa' | 'ukm' | 'bpa' | 'ssa' | 'soz' | 'kul' | 'rpa' | 'bvn';

export interface Schedule {
  /** 1 = Monday … 5 = Friday */
  weekday: number;
  /** n-th such weekday of the month */
  week: number;
  hour: number;
  minute: number;
  /** Months (1–12) without a regular session: summer break, Christmas, budget recess. */
  offMonths: readonly number[];
}

export interface BoardDef {
  key: BoardKey;
  name: string;
  shortName: string;
  /** "Der Bau- und Planungsausschuss" */
  nominative: string;
  /** "des Bau- und Planungsausschusses" */
  genitive: string;
  kind: 'council' | 'committee';
  classification: string;
  location: LocationKey;
  schedule: Schedule;
  /** Voting seats per faction key, for committees; the council takes every councillor. */
  seats?: Partial<Record<FactionKey, number>>;
  /** Non-voting citizen members (Sachkundige Bürgerinnen und Bürger). */
  citizenSeats: number;
}

const ALL_YEAR_BUT_AUGUST = [8];

export const BOARDS: readonly BoardDef[] = [
  {
    key: 'rat',
    name: 'Rat der Stadt Musterstadt',
    shortName: 'Rat',
    nominative: 'Der Rat der Stadt Musterstadt',
    genitive: 'des Rates der Stadt Musterstadt',
    kind: 'council',
    classification: 'Parlament',
    location: 'ratssaal',
    schedule: { weekday: 4, week: 3, hour: 16, minute: 0, offMonths: [1, 7, 8] },
    citizenSeats: 0,
  },
  {
    key: 'hfa',
    name: 'Haupt- und Finanzausschuss',
    shortName: 'HFA',
    nominative: 'Der Haupt- und Finanzausschuss',
    genitive: 'des Haupt- und Finanzausschusses',
    kind: 'committee',
    classification: 'Pflichtausschuss',
    location: 'ratssaal',
    schedule: { weekday: 2, week: 2, hour: 17, minute: 0, offMonths: ALL_YEAR_BUT_AUGUST },
    seats: { blm: 4, gz: 3, sm: 3, lsg: 1 },
    citizenSeats: 0,
  },
  {
    key: 'ukm',
    name: 'Ausschuss für Umwelt, Klima und Mobilität',
    shortName: 'UKM',
    nominative: 'Der Ausschuss für Umwelt, Klima und Mobilität',
    genitive: 'des Ausschusses für Umwelt, Klima und Mobilität',
    kind: 'committee',
    classification: 'Fachausschuss',
    location: 'sitzungssaal',
    schedule: { weekday: 3, week: 1, hour: 17, minute: 0, offMonths: ALL_YEAR_BUT_AUGUST },
    seats: { blm: 3, gz: 3, sm: 2, lsg: 1 },
    citizenSeats: 2,
  },
  {
    key: 'bpa',
    name: 'Bau- und Planungsausschuss',
    shortName: 'BPA',
    nominative: 'Der Bau- und Planungsausschuss',
    genitive: 'des Bau- und Planungsausschusses',
    kind: 'committee',
    classification: 'Fachausschuss',
    location: 'technisches-rathaus',
    schedule: { weekday: 1, week: 2, hour: 17, minute: 0, offMonths: ALL_YEAR_BUT_AUGUST },
    seats: { blm: 3, gz: 3, sm: 2, lsg: 1 },
    citizenSeats: 1,
  },
  {
    key: 'ssa',
    name: 'Schul- und Sportausschuss',
    shortName: 'SSA',
    nominative: 'Der Schul- und Sportausschuss',
    genitive: 'des Schul- und Sportausschusses',
    kind: 'committee',
    classification: 'Fachausschuss',
    location: 'sitzungssaal',
    schedule: { weekday: 2, week: 4, hour: 17, minute: 0, offMonths: [7, 8, 12] },
    seats: { blm: 3, gz: 2, sm: 3, lsg: 1 },
    citizenSeats: 2,
  },
  {
    key: 'soz',
    name: 'Sozialausschuss',
    shortName: 'SozA',
    nominative: 'Der Sozialausschuss',
    genitive: 'des Sozialausschusses',
    kind: 'committee',
    classification: 'Fachausschuss',
    location: 'sitzungssaal',
    schedule: { weekday: 3, week: 3, hour: 17, minute: 0, offMonths: ALL_YEAR_BUT_AUGUST },
    seats: { blm: 3, gz: 2, sm: 3, lsg: 1 },
    citizenSeats: 2,
  },
  {
    key: 'kul',
    name: 'Kulturausschuss',
    shortName: 'KA',
    nominative: 'Der Kulturausschuss',
    genitive: 'des Kulturausschusses',
    kind: 'committee',
    classification: 'Fachausschuss',
    location: 'stadthalle',
    schedule: { weekday: 4, week: 1, hour: 17, minute: 30, offMonths: [1, 8] },
    seats: { blm: 3, gz: 2, sm: 2, lsg: 1 },
    citizenSeats: 1,
  },
  {
    key: 'rpa',
    name: 'Rechnungsprüfungsausschuss',
    shortName: 'RPA',
    nominative: 'Der Rechnungsprüfungsausschuss',
    genitive: 'des Rechnungsprüfungsausschusses',
    kind: 'committee',
    classification: 'Pflichtausschuss',
    location: 'sitzungssaal',
    schedule: { weekday: 1, week: 3, hour: 16, minute: 30, offMonths: [1, 2, 4, 5, 7, 8, 10, 11] },
    seats: { blm: 2, gz: 2, sm: 2, lsg: 1 },
    citizenSeats: 0,
  },
  {
    key: 'bvn',
    name: 'Bezirksvertretung Nord',
    shortName: 'BV Nord',
    nominative: 'Die Bezirksvertretung Nord',
    genitive: 'der Bezirksvertretung Nord',
    kind: 'committee',
    classification: 'Bezirksvertretung',
    location: 'buergerhaus-nord',
    schedule: { weekday: 1, week: 4, hour: 18, minute: 0, offMonths: [8, 12] },
    seats: { blm: 2, gz: 2, sm: 2, lsg: 1 },
    citizenSeats: 0,
  },
];

export type FactionKey = 'blm' | 'gz' | 'sm' | 'lsg';

export interface FactionDef {
  key: FactionKey;
  name: string;
  shortName: string;
  /** Council seats in the previous and the current legislative term. */
  seats: readonly [number, number];
}

export const FACTIONS: readonly FactionDef[] = [
  { key: 'blm', name: 'Fraktion Bürgerliste Musterstadt', shortName: 'BLM', seats: [10, 9] },
  { key: 'gz', name: 'Fraktion Grüne Zukunft', shortName: 'GZ', seats: [7, 9] },
  { key: 'sm', name: 'Fraktion Soziale Mitte', shortName: 'SM', seats: [8, 7] },
  { key: 'lsg', name: 'Fraktion Liberale Stadtgemeinschaft', shortName: 'LSG', seats: [3, 3] },
];

export type UnitKey = 'fb1' | 'fb2' | 'fb3' | 'fb4' | 'fb5' | 'fb6';

export const UNITS: readonly { key: UnitKey; name: string; shortName: string }[] = [
  { key: 'fb1', name: 'Fachbereich 1 – Zentrale Steuerung und Finanzen', shortName: 'FB 1' },
  { key: 'fb2', name: 'Fachbereich 2 – Bürgerdienste, Sicherheit und Ordnung', shortName: 'FB 2' },
  { key: 'fb3', name: 'Fachbereich 3 – Bildung, Sport und Kultur', shortName: 'FB 3' },
  { key: 'fb4', name: 'Fachbereich 4 – Jugend, Familie und Soziales', shortName: 'FB 4' },
  { key: 'fb5', name: 'Fachbereich 5 – Stadtplanung, Bauen und Umwelt', shortName: 'FB 5' },
  { key: 'fb6', name: 'Fachbereich 6 – Tiefbau, Verkehr und Grünflächen', shortName: 'FB 6' },
];

export const boardByKey = (key: BoardKey): BoardDef => {
  const board = BOARDS.find((b) => b.key === key);
  if (!board) throw new Error(`unknown board ${key}`);
  return board;
};

export const factionByKey = (key: FactionKey): FactionDef => {
  const faction = FACTIONS.find((f) => f.key === key);
  if (!faction) throw new Error(`unknown faction ${key}`);
  return faction;
};
