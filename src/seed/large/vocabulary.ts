import { Random } from '../random';

/**
 * A small German vocabulary for the benchmark city: committee names, document titles and
 * texts are combined from these lists, so that search has realistic words to find
 * (umlauts, ß, compounds, plurals) without any real document.
 */

export const DISTRICTS = ['Mitte', 'Nord', 'Süd', 'Ost', 'West', 'Altstadt', 'Hafen', 'Lindenau', 'Eichenhöhe', 'Mühlental', 'Neustadt', 'Kirchberg', 'Weidenfeld', 'Sonnenhang'];

/** Subjects of committees: "Ausschuss für …". */
export const COMMITTEE_SUBJECTS = [
  'Finanzen und Beteiligungen', 'Stadtentwicklung', 'Umwelt und Klimaschutz', 'Mobilität und Verkehr', 'Bauen und Wohnen', 'Schule und Bildung',
  'Sport und Freizeit', 'Kultur', 'Soziales und Gesundheit', 'Jugendhilfe', 'Wirtschaft und Digitalisierung', 'Ordnung und Sicherheit',
  'Feuerwehr und Katastrophenschutz', 'Grünflächen und Friedhöfe', 'Liegenschaften', 'Personal und Organisation', 'Gleichstellung',
  'Integration und Teilhabe', 'Senioren', 'Tourismus und Stadtmarketing', 'Abfallwirtschaft und Stadtreinigung', 'Stadtwerke und Energie',
  'Wohnungsbau', 'Denkmalschutz', 'Bürgerbeteiligung', 'Rechnungsprüfung', 'Vergaben', 'Hochbau', 'Tiefbau', 'Wissenschaft und Hochschulen',
  'Internationale Beziehungen', 'Hafen und Logistik', 'Landwirtschaft und Forsten', 'Gesundheit und Pflege', 'Kinder und Familie',
  'Bäder und Sportstätten', 'Märkte und Veranstaltungen', 'Verbraucherschutz', 'Arbeit und Beschäftigung',
];

const SUBJECTS = [
  'Radwegekonzept {d}', 'Sanierung der Grundschule {d}', 'Neubau der Kindertagesstätte {d}', 'Bebauungsplan Nr. {n} „{f}“', 'Umrüstung der Straßenbeleuchtung in {d}',
  'Parkraumbewirtschaftung in {d}', 'Neugestaltung des Spielplatzes {f}', 'Friedhofsgebührensatzung', 'Abwassergebührensatzung', 'Straßenreinigungsgebühren',
  'Klimaschutzkonzept', 'Kommunale Wärmeplanung', 'Hochwasserschutz am {b}bach', 'Ausbau der {s}', 'Querungshilfe an der {s}', 'Fußgängerüberweg an der {s}',
  'Sanierung des Hallenbads {d}', 'Kunstrasenplatz im Sportpark {d}', 'Photovoltaikanlagen auf städtischen Gebäuden', 'Glasfaserausbau im Gewerbegebiet {d}',
  'Umgestaltung des Marktplatzes {d}', 'Wohnraumversorgungskonzept', 'Seniorenpolitisches Gesamtkonzept', 'Jugendzentrum {d}', 'Stadtbibliothek {d}',
  'Baumschutzsatzung', 'Haushaltssatzung {y}', 'Jahresabschluss {y}', 'Brandschutzbedarfsplan', 'Feuerwehrgerätehaus {d}', 'Taktverdichtung der Buslinie {n}',
  'Barrierefreie Bushaltestellen in {d}', 'Schulentwicklungsplan', 'Offene Ganztagsschule {d}', 'Kita-Bedarfsplanung {y}', 'Gewerbesteuerhebesatz',
  'Grundsteuerreform', 'Hundesteuersatzung', 'Musikschulentgelte', 'Denkmalgerechte Sanierung der {b}mühle', 'Stadtteilzentrum {d}', 'Quartiersmanagement {d}',
  'Unterbringung von Geflüchteten', 'Wohnungslosenhilfe', 'Lärmaktionsplan', 'Luftreinhalteplan', 'Starkregenvorsorge in {d}', 'Renaturierung des {b}bachs',
  'Übergang am Bahnhof {d}', 'Fahrradparkhaus am Hauptbahnhof', 'Carsharing-Stationen in {d}', 'Ladesäulen für Elektrofahrzeuge', 'Winterdienst auf Radwegen',
];

const ASPECTS = [
  'Grundsatzbeschluss', 'Baubeschluss', 'Sachstandsbericht', 'Vergabe der Planungsleistungen', 'Ergebnis der Bürgerbeteiligung', 'Kostenfortschreibung',
  'Förderantrag', 'Änderung der Satzung', 'Aufstellungsbeschluss', 'Beschluss zur öffentlichen Auslegung', 'Satzungsbeschluss', 'Zwischenbericht',
  'Machbarkeitsstudie', 'Maßnahmenprogramm', 'Bereitstellung überplanmäßiger Mittel', 'Gebührenkalkulation', 'Evaluation', 'Prioritätenliste',
];

const STREETS = ['Bahnhofstraße', 'Hauptstraße', 'Lindenallee', 'Schillerstraße', 'Goethestraße', 'Mühlenweg', 'Kirchstraße', 'Gartenstraße', 'Marktstraße', 'Uferstraße', 'Rosenstraße', 'Hafenstraße'];
const FIELDS = ['Am Mühlenbach', 'Auf der Höhe', 'Eichenkamp', 'Lerchenfeld', 'Am Wasserturm', 'Sonnenwiese', 'Buchenhain', 'Weidenbruch', 'Hasenheide', 'Am Schlossgarten'];
const BROOK_STEMS = ['Linden', 'Erlen', 'Weiden', 'Eichen', 'Kloster', 'Forellen'];

const CLOSED_KINDS = [
  'Vergabe der Bauleistungen: {x}', 'Vergabe der Lieferleistungen: {x}', 'Grundstücksangelegenheit: Erwerb einer Fläche an der {s}', 'Grundstücksangelegenheit: Verkauf eines Gewerbegrundstücks in {d}',
  'Personalangelegenheit: Besetzung einer Abteilungsleitung', 'Stundung von Gewerbesteuerforderungen', 'Vergleich in einem Rechtsstreit über Erschließungsbeiträge', 'Mietvertrag für Räume in {d}',
  'Niederschlagung von Forderungen', 'Erbbaurechtsvertrag für ein Grundstück an der {s}',
];

function fill(template: string, random: Random): string {
  const year = 2015 + random.int(0, 12);
  const filled = template.includes('{x}') ? template.replace('{x}', fill(random.pick(SUBJECTS), random)) : template;
  return filled
    .replace('{d}', random.pick(DISTRICTS))
    .replace('{s}', random.pick(STREETS))
    .replace('{f}', random.pick(FIELDS))
    .replace('{b}', random.pick(BROOK_STEMS))
    .replace('{n}', String(random.int(1, 180)))
    .replace('{y}', String(year));
}

/** `count` document titles, "Subject – Aspect", deterministic. */
export function documentTitles(count: number): string[] {
  const random = Random.from('grossstadt:titles');
  return Array.from({ length: count }, () => `${fill(random.pick(SUBJECTS), random)} – ${random.pick(ASPECTS)}`);
}

/** Titles of non-public matters. */
export function closedTitles(count: number): string[] {
  const random = Random.from('grossstadt:closed-titles');
  return Array.from({ length: count }, () => fill(random.pick(CLOSED_KINDS), random));
}

const SENTENCES = [
  'Die Verwaltung legt die Vorlage zur Beratung und Beschlussfassung vor.',
  'Die Gesamtkosten belaufen sich nach derzeitiger Schätzung auf {a} Euro; Fördermittel des Landes wurden beantragt.',
  'Die Mittel sind im Haushaltsplan {y} veranschlagt.',
  'Die Straßenbeleuchtung wird auf LED-Leuchten mit Nachtabsenkung umgerüstet.',
  'Die Gebühren werden auf Grundlage einer neuen Gebührenkalkulation angepasst.',
  'Der Übergang an der Kreuzung wird mit einer Mittelinsel und einer Ampel gesichert.',
  'Das Radwegekonzept sieht Schutzstreifen, Fahrradstraßen und zusätzliche Fahrradbügel vor.',
  'Die Anwohnerinnen und Anwohner wurden in einer Bürgerversammlung informiert.',
  'Die Bauarbeiten beginnen voraussichtlich im Frühjahr und dauern etwa achtzehn Monate.',
  'Während der Bauzeit wird der Verkehr über die Nebenstraßen umgeleitet.',
  'Die Kindertagesstätten im Stadtbezirk {d} sind voll ausgelastet; es fehlen rund {n} Plätze.',
  'Die Sanierung umfasst Dach, Fenster, Heizung und Lüftung sowie den barrierefreien Zugang.',
  'Die Stellungnahmen der Träger öffentlicher Belange wurden ausgewertet und abgewogen.',
  'Der Bebauungsplan setzt ein allgemeines Wohngebiet mit Dachbegrünung und Versickerungsflächen fest.',
  'Die Photovoltaikanlagen auf den Dächern der Schulen erzeugen jährlich rund {n} Megawattstunden Strom.',
  'Die Parkgebühren in der Innenstadt werden nach Zonen gestaffelt.',
  'Das Klimaschutzkonzept enthält Maßnahmen für Gebäude, Verkehr, Energieversorgung und Klimaanpassung.',
  'Der Seniorenbeirat und der Beirat für Menschen mit Behinderung wurden beteiligt.',
  'Die Friedhofsgebühren für Urnengräber und Baumbestattungen werden neu festgesetzt.',
  'Die Spielgeräte auf den Spielplätzen werden regelmäßig geprüft und bei Mängeln ersetzt.',
  'Die Fahrgastzahlen im Busverkehr sind gegenüber dem Vorjahr um {p} Prozent gestiegen.',
  'Für die Maßnahme ist eine europaweite Ausschreibung erforderlich.',
  'Die Hochwasserschutzmaßnahmen werden mit der Wasserbehörde abgestimmt.',
  'Die Straßenreinigung und der Winterdienst werden neu organisiert.',
  'Die Schulentwicklungsplanung geht von steigenden Schülerzahlen in den Grundschulen aus.',
  'Der Ausschuss wird regelmäßig über den Fortgang der Maßnahmen unterrichtet.',
  'Die Maßnahme trägt zur Verringerung der Treibhausgasemissionen bei.',
  'Die Gebührensätze gelten ab dem 1. Januar des kommenden Jahres.',
  'Die Öffnungszeiten der Bürgerbüros werden ab dem nächsten Monat verlängert.',
  'Die Fußgängerüberwege an Schulwegen werden mit zusätzlicher Beleuchtung ausgestattet.',
];

/** `count` short German texts of a few hundred characters each, deterministic. */
export function snippets(count: number): string[] {
  const random = Random.from('grossstadt:snippets');
  return Array.from({ length: count }, () =>
    random
      .sample(SENTENCES, random.int(4, 7))
      .map((s) =>
        s
          .replace('{a}', (random.int(5, 950) * 10_000).toLocaleString('de-DE'))
          .replace('{y}', String(2015 + random.int(0, 12)))
          .replace('{d}', random.pick(DISTRICTS))
          .replace('{n}', String(random.int(20, 400)))
          .replace('{p}', String(random.int(2, 15))),
      )
      .join(' '),
  );
}

/** Paragraphs for the benchmark PDFs. */
export function paragraphs(count: number, seed: string): string[] {
  const random = Random.from(seed);
  const texts = snippets(200);
  return Array.from({ length: count }, () => random.pick(texts));
}
