/**
 * The relevance suite's fixed queries against the demo city Musterstadt (seeded with a fixed
 * date, so reference numbers are stable). Each expected pattern names one hit that must be
 * among the top three; a hit is matched on its title, or for files on the title and the
 * document they belong to.
 */
export interface RelevanceCase {
  q: string;
  kind: 'exact' | 'plural' | 'compound' | 'typo' | 'umlaut' | 'reference' | 'phrase' | 'name';
  expect: RegExp[];
}

export const RELEVANCE_CASES: RelevanceCase[] = [
  { q: 'Radwegekonzept', kind: 'exact', expect: [/^Radwegekonzept Innenstadt – Beschluss/, /^Radwegekonzept Innenstadt – Ergebnisse/, /Radwegekonzept/] },
  { q: 'Radwegekonzepte', kind: 'plural', expect: [/^Radwegekonzept Innenstadt – Beschluss/, /^Radwegekonzept Innenstadt – Ergebnisse/] },
  { q: 'Radweg', kind: 'compound', expect: [/Radweg/, /Radweg/, /Radweg/] },
  { q: 'Radwegkonzept', kind: 'typo', expect: [/Radwegekonzept Innenstadt/, /Radwegekonzept Innenstadt/] },
  { q: 'Raddwegekonzept', kind: 'typo', expect: [/Radwegekonzept Innenstadt/, /Radwegekonzept Innenstadt/] },
  { q: 'Haushaltssatzung', kind: 'exact', expect: [/^(Ö \d+ )?Haushaltssatzung und Haushaltsplan/] },
  { q: 'Haushaltsatzung', kind: 'typo', expect: [/^(Ö \d+ )?Haushaltssatzung und Haushaltsplan/] },
  { q: 'Haushaltssatzungen', kind: 'plural', expect: [/^(Ö \d+ )?Haushaltssatzung und Haushaltsplan/] },
  { q: 'Strassenbeleuchtung', kind: 'umlaut', expect: [/Straßenbeleuchtung/, /Straßenbeleuchtung/, /Straßenbeleuchtung/] },
  { q: 'Straßenbeleuchtung LED', kind: 'exact', expect: [/LED/, /LED/, /LED/] },
  { q: 'Strasenbeleuchtung', kind: 'typo', expect: [/Straßenbeleuchtung/, /Straßenbeleuchtung/] },
  { q: 'Grundschule Lindenplatz', kind: 'exact', expect: [/Grundschule am Lindenplatz/, /Grundschule am Lindenplatz/, /Grundschule am Lindenplatz/] },
  { q: 'Grundschulen', kind: 'plural', expect: [/Grundschule/, /Grundschule/] },
  { q: 'Bebauungsplan Mühlenbach', kind: 'exact', expect: [/Bebauungsplan Nr\. 47/, /Bebauungsplan Nr\. 47/] },
  { q: 'Bebauungsplan Muehlenbach', kind: 'umlaut', expect: [/Bebauungsplan Nr\. 47/, /Bebauungsplan Nr\. 47/] },
  { q: 'Kindertagesstaette', kind: 'umlaut', expect: [/Kindertagesstätte/, /Kindertagesstätte/] },
  { q: 'Kita Gartenstrasse', kind: 'umlaut', expect: [/Kindertagesstätte „Sonnenblume“ an der Gartenstraße/] },
  { q: 'Klimaschutzkonzept', kind: 'exact', expect: [/Klimaschutzkonzept/, /Klimaschutzkonzept/, /Klimaschutzkonzept/] },
  { q: 'Klimaschutz', kind: 'compound', expect: [/Klimaschutz/, /Klimaschutz/, /Klimaschutz/] },
  { q: 'Parkgebuehrenordnung', kind: 'umlaut', expect: [/Parkgebührenordnung/] },
  { q: 'Parkgebühren', kind: 'compound', expect: [/Parkgebühr/] },
  { q: 'Spielplätze', kind: 'plural', expect: [/Spielpl/, /Spielpl/, /Spielpl/] },
  { q: 'Spielplatz Schillerstraße', kind: 'exact', expect: [/Spielplatzes an der Schillerstraße/] },
  { q: 'Friedhofsgebührensatzung', kind: 'exact', expect: [/Friedhofsgebührensatzung/] },
  { q: 'Friedhofsgebuhrensatzung', kind: 'typo', expect: [/Friedhofsgebührensatzung/] },
  { q: 'Brandschutzbedarfsplan', kind: 'exact', expect: [/Brandschutzbedarfsplan/] },
  { q: 'Feuerwehrgeraetehaus', kind: 'umlaut', expect: [/Feuerwehrgerätehaus/] },
  { q: 'Hallenbad Sanierung', kind: 'exact', expect: [/Sanierung des Hallenbads/] },
  { q: 'Machbarkeitsstudie Hallenbad', kind: 'exact', expect: [/Hallenbad – Ergebnis der Machbarkeitsstudie/] },
  { q: 'Wohnraumversorgungskonzept', kind: 'exact', expect: [/Wohnraumversorgungskonzept/] },
  { q: 'geförderter Wohnungsbau', kind: 'exact', expect: [/geförderte[rn]? Wohnungsbau/, /geförderte[rn]? Wohnungsbau/] },
  { q: 'Hundesteuer', kind: 'compound', expect: [/Hundesteuersatzung/] },
  { q: 'Hundesteursatzung', kind: 'typo', expect: [/Hundesteuersatzung/] },
  { q: 'Abwassergebührensatzung', kind: 'exact', expect: [/Abwassergebührensatzung/] },
  { q: 'Stadtbibliothek Öffnungszeiten', kind: 'exact', expect: [/Öffnungszeiten der Stadtbibliothek/] },
  { q: '"Open Library"', kind: 'phrase', expect: [/Open Library|Open-Library/, /Open Library|Open-Library/] },
  { q: '"Übergänge am Ring"', kind: 'phrase', expect: [/Radweg/] },
  { q: 'Musikschule Entgeltordnung', kind: 'exact', expect: [/Entgeltordnung der Städtischen Musikschule/] },
  { q: '0029/2025', kind: 'reference', expect: [/^Haushaltssatzung und Haushaltsplan 2025$/] },
  { q: '0016/2026', kind: 'reference', expect: [/^Änderung der Hundesteuersatzung$/] },
  { q: '0108/2025', kind: 'reference', expect: [/^Radwegekonzept Innenstadt – Ergebnisse der Bürgerbeteiligung$/] },
  { q: 'Vorlage 0060/2025', kind: 'reference', expect: [/^Radwegekonzept Innenstadt – Beschluss des Maßnahmenprogramms$/] },
  { q: 'Ausschuss Umwelt Klima Mobilität', kind: 'name', expect: [/^Ausschuss für Umwelt, Klima und Mobilität$/] },
  { q: 'Haupt- und Finanzausschuss', kind: 'name', expect: [/^Haupt- und Finanzausschuss$/] },
];
