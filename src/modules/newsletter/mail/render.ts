import { RESOURCE_PATHS, type ResourceKind } from '../../../common/access/resources';
import { bodyBase } from '../../../common/http/urls';
import type { Frequency, Language, NewsletterEventKind } from '../newsletter.entities';
import type { PageName } from '../pages/pages.render';

/** What a newsletter event shows; captured from public content only. */
export type EventPayload =
  | { type: 'session'; sessionId: string; name: string; start: string; end: string | null; location: string | null; cancelled: boolean }
  | { type: 'agenda'; sessionId: string; agendaItemId: string; sessionName: string; sessionStart: string; number: string | null; name: string; result: string | null }
  | { type: 'document'; documentId: string; name: string; reference: string | null; documentType: string | null; date: string }
  | { type: 'minutes'; sessionId: string; sessionName: string; sessionStart: string };

export interface DigestEvent {
  id: string;
  kind: NewsletterEventKind;
  payload: EventPayload;
}

export interface BodyView {
  slug: string;
  name: string;
  webUrlTemplates: Record<string, string>;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Where the newsletter's own pages are, under a body's base URL (`/v1/bodies/{body}/…`). */
export const PAGES_PATH = 'newsletter/pages';

/** Things mails link to: the key of their body's web page template, and their API resource. */
const LINKED = { session: 'session', document: 'document', agendaItem: 'agenda-item' } as const satisfies Record<string, ResourceKind>;

/**
 * Builds links: the city's own pages when the body has templates, otherwise the API (for the
 * confirm, manage and unsubscribe links, the newsletter's own pages).
 */
export class Links {
  private readonly base: string;

  constructor(
    publicUrl: string,
    private readonly body: BodyView,
    private readonly settings: { confirmUrlTemplate: string | null; manageUrlTemplate: string | null; unsubscribeUrlTemplate: string | null },
  ) {
    this.base = bodyBase(publicUrl, body);
  }

  page(kind: keyof typeof LINKED, id: string): string {
    const template = this.body.webUrlTemplates[kind];
    if (template) return template.split('{id}').join(encodeURIComponent(id));
    return `${this.base}/${RESOURCE_PATHS[LINKED[kind]]}/${id}`;
  }

  session(id: string): string {
    return this.page('session', id);
  }

  document(id: string): string {
    return this.page('document', id);
  }

  agendaItem(id: string, sessionId: string): string {
    return this.body.webUrlTemplates.agendaItem ? this.page('agendaItem', id) : this.session(sessionId);
  }

  confirm(token: string): string {
    return this.withToken(this.settings.confirmUrlTemplate, token, 'confirm');
  }

  manage(token: string): string {
    return this.withToken(this.settings.manageUrlTemplate, token, 'manage');
  }

  /** The unsubscribe page of the website or ours (a click is a GET: the page posts the token). */
  unsubscribePage(token: string): string {
    return this.withToken(this.settings.unsubscribeUrlTemplate, token, 'unsubscribe');
  }

  /** RFC 8058 one-click target: always the API, since mail clients POST to it directly. */
  unsubscribe(token: string): string {
    return `${this.base}/newsletter/unsubscribe?token=${token}`;
  }

  /** The website's page, or else ours, with the token in the query (which the request log redacts). */
  private withToken(template: string | null, token: string, page: PageName): string {
    if (template) return template.split('{token}').join(token);
    return `${this.base}/${PAGES_PATH}/${page}?token=${token}`;
  }
}

const STRINGS = {
  de: {
    confirmSubject: (body: string) => `Bitte bestätigen Sie Ihr Newsletter-Abonnement – ${body}`,
    confirmIntro: (body: string) => `Sie (oder jemand mit Ihrer Adresse) möchten den Newsletter des Ratsinformationssystems von ${body} abonnieren.`,
    confirmAction: 'Abonnement bestätigen',
    confirmValidity: 'Der Link ist 48 Stunden gültig und kann einmal verwendet werden.',
    confirmIgnore: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail. Ohne Bestätigung erhalten Sie nichts weiter, und die Angaben werden nach sieben Tagen gelöscht.',
    digestSubject: (body: string, n: number) => `Ratsinformation ${body}: ${n === 1 ? '1 Neuigkeit' : `${n} Neuigkeiten`}`,
    digestIntro: (body: string, f: Frequency) =>
      `${f === 'daily' ? 'Ihre tägliche Übersicht' : f === 'weekly' ? 'Ihre wöchentliche Übersicht' : 'Neues'} aus dem Rat von ${body}:`,
    manage: 'Abonnement verwalten',
    unsubscribe: 'Abbestellen',
    footer: 'Sie erhalten diese E-Mail, weil Sie den Newsletter bestätigt haben.',
    sections: {
      session_scheduled: 'Neue Sitzungen',
      session_moved: 'Verschobene Sitzungen',
      session_cancelled: 'Abgesagte Sitzungen',
      agenda_changed: 'Tagesordnungen veröffentlicht oder geändert',
      document_published: 'Neue Vorlagen',
      minutes_published: 'Niederschriften veröffentlicht',
      results_recorded: 'Ergebnisse',
    } satisfies Record<NewsletterEventKind, string>,
    locale: 'de-DE',
    at: 'am',
  },
  en: {
    confirmSubject: (body: string) => `Please confirm your newsletter subscription – ${body}`,
    confirmIntro: (body: string) => `You (or someone using your address) asked to subscribe to the council newsletter of ${body}.`,
    confirmAction: 'Confirm subscription',
    confirmValidity: 'The link is valid for 48 hours and can be used once.',
    confirmIgnore: 'If this was not you, ignore this mail. Without confirmation you will get nothing else, and the request is deleted after seven days.',
    digestSubject: (body: string, n: number) => `Council news ${body}: ${n === 1 ? '1 update' : `${n} updates`}`,
    digestIntro: (body: string, f: Frequency) => `${f === 'daily' ? 'Your daily summary' : f === 'weekly' ? 'Your weekly summary' : 'News'} from the council of ${body}:`,
    manage: 'Manage subscription',
    unsubscribe: 'Unsubscribe',
    footer: 'You receive this mail because you confirmed the newsletter.',
    sections: {
      session_scheduled: 'New sessions',
      session_moved: 'Sessions moved',
      session_cancelled: 'Sessions cancelled',
      agenda_changed: 'Agendas published or changed',
      document_published: 'New documents',
      minutes_published: 'Minutes published',
      results_recorded: 'Results',
    } satisfies Record<NewsletterEventKind, string>,
    locale: 'en-GB',
    at: 'on',
  },
} as const;

const FORMATS = new Map<Language, Intl.DateTimeFormat>();
const FORMATTED = new Map<string, string>();
/** A local Berlin date and time; memoised, since a digest run formats the same few times 100,000 times. */
function when(iso: string, language: Language): string {
  const key = `${language}${iso}`;
  const hit = FORMATTED.get(key);
  if (hit !== undefined) return hit;
  let format = FORMATS.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(STRINGS[language].locale, { timeZone: 'Europe/Berlin', dateStyle: 'full', timeStyle: 'short' });
    FORMATS.set(language, format);
  }
  const text = format.format(new Date(iso));
  if (FORMATTED.size >= 10_000) FORMATTED.clear();
  FORMATTED.set(key, text);
  return text;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

interface Line {
  text: string;
  url: string;
}

const ORDER: NewsletterEventKind[] = ['session_cancelled', 'session_moved', 'session_scheduled', 'agenda_changed', 'document_published', 'results_recorded', 'minutes_published'];

/** One line per thing: later events about the same thing replace earlier ones. */
function lines(events: DigestEvent[], language: Language, links: Links): Map<NewsletterEventKind, Line[]> {
  const byKey = new Map<string, { kind: NewsletterEventKind; line: Line }>();
  for (const e of events) {
    const p = e.payload;
    let key: string;
    let line: Line;
    switch (p.type) {
      case 'session':
        key = `${e.kind}:${p.sessionId}`;
        line = { text: `${p.name} – ${when(p.start, language)}${p.location ? `, ${p.location}` : ''}`, url: links.session(p.sessionId) };
        break;
      case 'agenda':
        key = e.kind === 'agenda_changed' ? `${e.kind}:${p.sessionId}` : `${e.kind}:${p.agendaItemId}`;
        line =
          e.kind === 'agenda_changed'
            ? { text: `${p.sessionName} – ${when(p.sessionStart, language)}`, url: links.session(p.sessionId) }
            : { text: `${p.number ? `${p.number} ` : ''}${p.name}: ${p.result ?? ''}`, url: links.agendaItem(p.agendaItemId, p.sessionId) };
        break;
      case 'document':
        key = `${e.kind}:${p.documentId}`;
        line = { text: `${p.reference ? `${p.reference} ` : ''}${p.name}${p.documentType ? ` (${p.documentType})` : ''}`, url: links.document(p.documentId) };
        break;
      case 'minutes':
        key = `${e.kind}:${p.sessionId}`;
        line = { text: `${p.sessionName} – ${when(p.sessionStart, language)}`, url: links.session(p.sessionId) };
        break;
    }
    byKey.delete(key);
    byKey.set(key, { kind: e.kind, line });
  }
  const out = new Map<NewsletterEventKind, Line[]>();
  for (const kind of ORDER) {
    const ls = [...byKey.values()].filter((v) => v.kind === kind).map((v) => v.line);
    if (ls.length) out.set(kind, ls);
  }
  return out;
}

function page(title: string, inner: string, language: Language): string {
  return `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a;max-width:40em;margin:0 auto;padding:1em">${inner}</body></html>`;
}

export function renderConfirm(language: Language, body: BodyView, links: Links, token: string): RenderedMail {
  const s = STRINGS[language];
  const url = links.confirm(token);
  const subject = s.confirmSubject(body.name);
  const text = [s.confirmIntro(body.name), '', `${s.confirmAction}:`, url, '', s.confirmValidity, '', s.confirmIgnore, ''].join('\n');
  const html = page(
    subject,
    `<p>${escapeHtml(s.confirmIntro(body.name))}</p><p><a href="${escapeHtml(url)}" style="display:inline-block;padding:.6em 1.2em;background:#004b87;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(s.confirmAction)}</a></p><p>${escapeHtml(s.confirmValidity)}</p><p style="color:#555">${escapeHtml(s.confirmIgnore)}</p>`,
    language,
  );
  return { subject, text, html };
}

/** The tokens a digest carries: to manage the subscription, and to unsubscribe (nothing else). */
export interface MailTokens {
  manage: string;
  unsubscribe: string;
}

export function renderDigest(language: Language, frequency: Frequency, body: BodyView, links: Links, events: DigestEvent[], tokens: MailTokens): RenderedMail | null {
  const s = STRINGS[language];
  const sections = lines(events, language, links);
  let count = 0;
  for (const ls of sections.values()) count += ls.length;
  if (!count) return null;
  // The unsubscribe link opens the website's unsubscribe page: the one-click URL takes a POST
  // (a click is a GET), so it only goes into the List-Unsubscribe header.
  const manage = links.manage(tokens.manage);
  const unsubscribe = links.unsubscribePage(tokens.unsubscribe);
  const subject = s.digestSubject(body.name, count);
  const text: string[] = [s.digestIntro(body.name, frequency), ''];
  let html = `<p>${escapeHtml(s.digestIntro(body.name, frequency))}</p>`;
  for (const [kind, ls] of sections) {
    text.push(s.sections[kind], '');
    html += `<h2 style="font-size:1.1em;margin-top:1.5em">${escapeHtml(s.sections[kind])}</h2><ul>`;
    for (const l of ls) {
      text.push(`- ${l.text}`, `  ${l.url}`);
      html += `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`;
    }
    text.push('');
    html += '</ul>';
  }
  text.push('--', s.footer, `${s.manage}: ${manage}`, `${s.unsubscribe}: ${unsubscribe}`, '');
  html += `<hr><p style="color:#555;font-size:.9em">${escapeHtml(s.footer)}<br><a href="${escapeHtml(manage)}">${escapeHtml(s.manage)}</a> · <a href="${escapeHtml(unsubscribe)}">${escapeHtml(s.unsubscribe)}</a></p>`;
  return { subject, text: text.join('\n'), html: page(subject, html, language) };
}

/** The domain of the sender address, for Message-IDs. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}
