import { dehyphenate, indexPages } from '../src/infra/search/layout';

describe('layout of printed documents, undone for the index', () => {
  it('joins words hyphenated across line breaks and keeps real hyphens', () => {
    expect(dehyphenate('die Pla-\nnung der Über-\ngangsbereiche')).toBe('die Planung der Übergangsbereiche');
    expect(dehyphenate('die Nord-\nSüd-Achse')).toBe('die Nord-Süd-Achse');
    expect(dehyphenate('Bus-\nund Bahnverkehr, Fuß- \noder Radweg')).toBe('Bus- und Bahnverkehr, Fuß- oder Radweg');
    expect(dehyphenate('Haus\u00adhalt')).toBe('Haushalt');
    expect(dehyphenate('Mehrerträge/-einzahlung')).toBe('Mehrerträge/-einzahlung');
  });

  it('splits at form feeds and drops page-number lines', () => {
    expect(indexPages('Erste Seite\n- 1 -\fZweite Seite\nSeite 2 von 2')).toEqual(['Erste Seite', 'Zweite Seite']);
  });

  it('finds pages by numbers that head them ("– 2 –") or close them ("Seite 1 von 3")', () => {
    expect(indexPages('Vorlage\nText eins\n– 2 –\nText zwei\n– 3 –\nText drei')).toEqual(['Vorlage\nText eins', 'Text zwei', 'Text drei']);
    expect(indexPages('Text eins\nSeite 1 von 3\nText zwei\nSeite 2 von 3\nText drei\nSeite 3 von 3')).toEqual(['Text eins', 'Text zwei', 'Text drei']);
    // Numbers that do not count up one by one are not pages.
    expect(indexPages('Punkt\n– 4 –\nnoch\n– 9 –\nEnde')).toHaveLength(1);
  });

  it('keeps reference numbers and other numbers on lines of their own', () => {
    expect(indexPages('Vorlage Nr.:\n2024/0123\n2\n-Relevanz')).toEqual(['Vorlage Nr.:\n2024/0123\n2\n-Relevanz']);
  });

  it('keeps a running header or footer once, on its first page', () => {
    const page = (n: number, body: string): string => `Stadt Musterstadt · Vorlage 0123/2025\n${body}\nStand 12.03.2025, Seite ${n}`;
    const pages = indexPages([page(1, 'Einleitung'), page(2, 'Die Kosten'), page(3, 'Der Beschluss'), page(4, 'Anlagen')].join('\f'));
    expect(pages).toEqual(['Stadt Musterstadt · Vorlage 0123/2025\nEinleitung\nStand 12.03.2025, Seite 1', 'Die Kosten', 'Der Beschluss', 'Anlagen']);
    // Two pages are too few to tell a header from content.
    expect(indexPages('Kopf\nEins\fKopf\nZwei')).toEqual(['Kopf\nEins', 'Kopf\nZwei']);
  });
});
