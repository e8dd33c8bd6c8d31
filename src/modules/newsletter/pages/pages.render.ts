import { pageCsp } from '../../../common/http/csp';
import type { SubscriptionDto } from '../dto/newsletter.dto';
import { escapeHtml } from '../mail/render';
import { FREQUENCIES, LANGUAGES, type Frequency, type Language, type SubscriptionStatus } from '../newsletter.entities';

/**
 * The newsletter's own pages for subscribers: confirm, manage and unsubscribe, for cities whose
 * website has no pages of its own yet (see the newsletter settings' URL templates). Plain HTML
 * forms that post the token from the mail link in their body; no script, no cookie, no asset
 * but one inline stylesheet; German unless the reader prefers English.
 */
export type PageName = 'confirm' | 'manage' | 'unsubscribe';

const STYLESHEET = [
  'body{font:1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;max-width:40rem;margin:0 auto;padding:1rem}',
  'header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;border-bottom:1px solid #767676;margin-bottom:1rem}',
  'a{color:#004b87}',
  'fieldset{border:1px solid #767676;margin:0 0 1rem;padding:.5rem 1rem}',
  'legend{font-weight:bold;padding:0 .25rem}',
  'label{display:block;margin:.25rem 0}',
  'textarea{display:block;width:100%;box-sizing:border-box;font:inherit;margin-bottom:.5rem}',
  'button{font:inherit;padding:.5rem 1.25rem;border:2px solid #004b87;border-radius:4px;background:#004b87;color:#fff;cursor:pointer}',
  'button.secondary{background:#fff;color:#004b87}',
  ':focus-visible{outline:3px solid #b34700;outline-offset:2px}',
  '.notice{border-left:4px solid #004b87;background:#eef4fa;padding:.25rem .75rem}',
  '.error{border-left:4px solid #b00020;background:#fdecee;padding:.25rem .75rem}',
].join('\n');

/** Response headers of every page, errors included. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': pageCsp(STYLESHEET),
  // The URL holds the token: no other site learns it from a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
};

const TEXT = {
  de: {
    otherLanguage: 'English',
    languageNav: 'Sprache',
    newsletterOf: (body: string) => `Newsletter · ${body}`,
    confirmTitle: 'Newsletter-Abonnement bestätigen',
    confirmIntro: (body: string) => `Bitte bestätigen Sie, dass Sie den Newsletter des Ratsinformationssystems von ${body} erhalten möchten.`,
    confirmButton: 'Abonnement bestätigen',
    confirmedTitle: 'Abonnement bestätigt',
    confirmedText: (body: string) => `Vielen Dank. Sie erhalten ab jetzt den Newsletter von ${body}.`,
    confirmedManage: 'Themen, Häufigkeit und Sprache ändern',
    manageTitle: 'Newsletter-Abonnement verwalten',
    manageFor: 'Abonnement für',
    topics: 'Themen',
    all: 'Alles, was veröffentlicht wird',
    committees: 'Gremien',
    documentTypes: 'Vorlagenarten, eine pro Zeile (z. B. Beschlussvorlage)',
    keywords: 'Stichwörter in Titeln, eines pro Zeile',
    frequency: 'Wie oft?',
    frequencies: { immediate: 'sofort (kurz gesammelt)', daily: 'täglich', weekly: 'wöchentlich' } satisfies Record<Frequency, string>,
    mailLanguage: 'Sprache der E-Mails',
    languages: { de: 'Deutsch', en: 'Englisch' } satisfies Record<Language, string>,
    save: 'Speichern',
    saved: 'Ihre Einstellungen sind gespeichert.',
    needTopic: 'Bitte wählen Sie mindestens ein Gremium, eine Vorlagenart oder ein Stichwort (ab zwei Buchstaben), oder „Alles“. Es wurde nichts geändert.',
    unknownCommittee: 'Ein gewähltes Gremium gibt es nicht mehr. Bitte wählen Sie erneut. Es wurde nichts geändert.',
    inactive: {
      pending: 'Dieses Abonnement ist noch nicht bestätigt.',
      active: '',
      suspended: 'Die Zustellung ist ausgesetzt, weil E-Mails an diese Adresse mehrfach nicht zugestellt werden konnten. Speichern Sie Ihre Einstellungen, sobald die Adresse wieder erreichbar ist.',
      unsubscribed: 'Sie haben den Newsletter abbestellt. Um ihn wieder zu erhalten, melden Sie sich erneut an.',
    } satisfies Record<SubscriptionStatus, string>,
    unsubscribeHeading: 'Abbestellen',
    unsubscribeTitle: 'Newsletter abbestellen',
    unsubscribeIntro: (body: string) => `Möchten Sie den Newsletter von ${body} nicht mehr erhalten?`,
    unsubscribeButton: 'Newsletter abbestellen',
    unsubscribedTitle: 'Newsletter abbestellt',
    unsubscribedText: (body: string) => `Sie erhalten keine Newsletter-E-Mails von ${body} mehr. Sie können ihn jederzeit wieder abonnieren.`,
    alreadyUnsubscribed: 'Dieses Abonnement ist bereits abbestellt.',
    errors: {
      badRequest: ['Ungültige Anfrage', 'Der Link ist unvollständig oder die Eingabe ist ungültig. Bitte öffnen Sie den Link aus Ihrer E-Mail noch einmal.'],
      unknownLink: ['Link ungültig', 'Diesen Link kennen wir nicht (mehr); vielleicht wurde das Abonnement gelöscht. Bitte verwenden Sie den Link aus Ihrer neuesten Newsletter-E-Mail.'],
      notFound: ['Seite nicht gefunden', 'Diese Seite gibt es nicht.'],
      confirmGone: [
        'Link abgelaufen',
        'Dieser Bestätigungslink wurde bereits verwendet oder ist abgelaufen. Falls Sie den Newsletter noch nicht erhalten, melden Sie sich bitte erneut an.',
      ],
      manageGone: [
        'Link abgelaufen',
        'Dieser Link ist abgelaufen oder wurde durch einen neueren ersetzt. Verwenden Sie den Link aus Ihrer neuesten Newsletter-E-Mail, oder melden Sie sich mit derselben Adresse erneut an: Die Bestätigung gibt Ihnen einen neuen Link.',
      ],
      unsubscribeOnly: [
        'Nur zum Abbestellen',
        'Dieser Link stammt aus dem Abbestell-Link einer E-Mail und kann nur abbestellen. Zum Verwalten verwenden Sie den Link „Abonnement verwalten“ aus Ihrer neuesten Newsletter-E-Mail.',
      ],
      notActive: ['Abonnement nicht aktiv', 'Dieses Abonnement ist nicht aktiv. Um den Newsletter wieder zu erhalten, melden Sie sich erneut an.'],
      tooMany: ['Zu viele Anfragen', 'Bitte versuchen Sie es in einer Minute noch einmal.'],
      unavailable: ['Vorübergehend nicht verfügbar', 'Der Newsletter ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.'],
      failed: ['Ein Fehler ist aufgetreten', 'Bitte versuchen Sie es später noch einmal.'],
    },
  },
  en: {
    otherLanguage: 'Deutsch',
    languageNav: 'Language',
    newsletterOf: (body: string) => `Newsletter · ${body}`,
    confirmTitle: 'Confirm your newsletter subscription',
    confirmIntro: (body: string) => `Please confirm that you want to receive the council newsletter of ${body}.`,
    confirmButton: 'Confirm subscription',
    confirmedTitle: 'Subscription confirmed',
    confirmedText: (body: string) => `Thank you. From now on you receive the newsletter of ${body}.`,
    confirmedManage: 'Change topics, frequency and language',
    manageTitle: 'Manage your newsletter subscription',
    manageFor: 'Subscription for',
    topics: 'Topics',
    all: 'Everything that is published',
    committees: 'Committees',
    documentTypes: 'Document types, one per line (e.g. Beschlussvorlage)',
    keywords: 'Keywords in titles, one per line',
    frequency: 'How often?',
    frequencies: { immediate: 'immediately (briefly collected)', daily: 'daily', weekly: 'weekly' } satisfies Record<Frequency, string>,
    mailLanguage: 'Language of the mails',
    languages: { de: 'German', en: 'English' } satisfies Record<Language, string>,
    save: 'Save',
    saved: 'Your settings are saved.',
    needTopic: 'Please choose at least one committee, document type or keyword (of two or more letters), or “Everything”. Nothing was changed.',
    unknownCommittee: 'A committee you chose no longer exists. Please choose again. Nothing was changed.',
    inactive: {
      pending: 'This subscription is not confirmed yet.',
      active: '',
      suspended: 'Delivery is suspended because mails to this address could not be delivered several times. Save your settings once the address works again.',
      unsubscribed: 'You unsubscribed from the newsletter. To receive it again, subscribe again.',
    } satisfies Record<SubscriptionStatus, string>,
    unsubscribeHeading: 'Unsubscribe',
    unsubscribeTitle: 'Unsubscribe from the newsletter',
    unsubscribeIntro: (body: string) => `Do you no longer want to receive the newsletter of ${body}?`,
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTitle: 'Unsubscribed',
    unsubscribedText: (body: string) => `You will receive no more newsletter mails from ${body}. You can subscribe again at any time.`,
    alreadyUnsubscribed: 'This subscription is already unsubscribed.',
    errors: {
      badRequest: ['Invalid request', 'The link is incomplete or the input is invalid. Please open the link from your mail again.'],
      unknownLink: ['Invalid link', 'This link is not known (any more); the subscription may have been deleted. Please use the link from your latest newsletter mail.'],
      notFound: ['Page not found', 'This page does not exist.'],
      confirmGone: ['Link expired', 'This confirmation link was already used or has expired. If you do not receive the newsletter yet, please subscribe again.'],
      manageGone: [
        'Link expired',
        'This link has expired or was replaced by a newer one. Use the link from your latest newsletter mail, or subscribe again with the same address: confirming gives you a new link.',
      ],
      unsubscribeOnly: ['Unsubscribe only', 'This link comes from the unsubscribe link of a mail and can only unsubscribe. To manage your subscription, use the “Manage subscription” link of your latest newsletter mail.'],
      notActive: ['Subscription not active', 'This subscription is not active. To receive the newsletter again, subscribe again.'],
      tooMany: ['Too many requests', 'Please try again in a minute.'],
      unavailable: ['Temporarily unavailable', 'The newsletter cannot be reached at the moment. Please try again later.'],
      failed: ['An error occurred', 'Please try again later.'],
    },
  },
} as const;

type ErrorKey = keyof (typeof TEXT)['de']['errors'];

/** What every page shows around its content. */
export interface PageContext {
  lang: Language;
  bodyName: string | null;
  /** A link to this page in the other language (GET pages only). */
  switchHref?: string;
}

/**
 * The language of a page: `lang` when it names one (the language switch, the forms), else the
 * first of German and English by the reader's Accept-Language, else German.
 */
export function pageLanguage(lang: unknown, acceptLanguage: string | undefined): Language {
  if (lang === 'de' || lang === 'en') return lang;
  let best: Language = 'de';
  let bestQ = 0;
  for (const range of (acceptLanguage ?? '').split(',').slice(0, 20)) {
    const [tag, ...params] = range.split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'de' && primary !== 'en') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (weight > bestQ) {
      best = primary;
      bestQ = weight;
    }
  }
  return best;
}

/** A relative link to a GET page with its token, in the other language. */
export function switchHref(page: PageName, token: string, lang: Language): string {
  return `${page}?token=${encodeURIComponent(token)}&lang=${lang === 'de' ? 'en' : 'de'}`;
}

function layout(ctx: PageContext, title: string, main: string): string {
  const t = TEXT[ctx.lang];
  const other = ctx.lang === 'de' ? 'en' : 'de';
  const nav = ctx.switchHref
    ? `<nav aria-label="${t.languageNav}"><p><a href="${escapeHtml(ctx.switchHref)}" hreflang="${other}" lang="${other}">${t.otherLanguage}</a></p></nav>`
    : '';
  const site = ctx.bodyName ? t.newsletterOf(ctx.bodyName) : 'Newsletter';
  return (
    `<!DOCTYPE html>\n<html lang="${ctx.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(`${title} – ${site}`)}</title><style>${STYLESHEET}</style></head>` +
    `<body><header><p>${escapeHtml(site)}</p>${nav}</header><main><h1>${escapeHtml(title)}</h1>${main}</main></body></html>\n`
  );
}

function hidden(token: string, lang: Language): string {
  return `<input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="lang" value="${lang}">`;
}

function paragraph(text: string, className?: string, role?: string): string {
  return `<p${className ? ` class="${className}"` : ''}${role ? ` role="${role}"` : ''}>${escapeHtml(text)}</p>`;
}

function unsubscribeForm(ctx: PageContext, token: string, className = ''): string {
  const t = TEXT[ctx.lang];
  return `<form method="post" action="unsubscribe">${hidden(token, ctx.lang)}<button type="submit"${className ? ` class="${className}"` : ''}>${t.unsubscribeButton}</button></form>`;
}

/** The page of the confirmation link: a button, since a GET (a mail scanner's too) confirms nothing. */
export function confirmPage(ctx: PageContext, token: string): string {
  const t = TEXT[ctx.lang];
  return layout(
    ctx,
    t.confirmTitle,
    `${paragraph(t.confirmIntro(ctx.bodyName ?? ''))}<form method="post" action="confirm">${hidden(token, ctx.lang)}<button type="submit">${t.confirmButton}</button></form>`,
  );
}

export function confirmedPage(ctx: PageContext, manageToken: string): string {
  const t = TEXT[ctx.lang];
  const manage = `manage?token=${encodeURIComponent(manageToken)}&lang=${ctx.lang}`;
  return layout(ctx, t.confirmedTitle, `${paragraph(t.confirmedText(ctx.bodyName ?? ''), 'notice', 'status')}<p><a href="${escapeHtml(manage)}">${t.confirmedManage}</a></p>`);
}

/** What the manage page shows: the subscription and the committees one may pick. */
export interface ManageView {
  subscription: SubscriptionDto;
  committees: { id: string; name: string }[];
}

export type ManageNotice = 'saved' | 'needTopic' | 'unknownCommittee';

function checked(on: boolean): string {
  return on ? ' checked' : '';
}

export function managePage(ctx: PageContext, view: ManageView, token: string, notice?: ManageNotice): string {
  const t = TEXT[ctx.lang];
  const sub = view.subscription;
  let main = `<p>${t.manageFor} <strong>${escapeHtml(sub.email)}</strong></p>`;
  if (notice) main += notice === 'saved' ? paragraph(t.saved, 'notice', 'status') : paragraph(t[notice], 'error', 'alert');
  if (sub.status !== 'active') main += paragraph(t.inactive[sub.status], 'notice');
  if (sub.status === 'active' || sub.status === 'suspended') {
    const chosen = new Set(sub.topics.committees);
    const committees = view.committees.length
      ? `<fieldset><legend>${t.committees}</legend>${view.committees
          .map((c) => `<label><input type="checkbox" name="committees" value="${escapeHtml(c.id)}"${checked(chosen.has(c.id))}> ${escapeHtml(c.name)}</label>`)
          .join('')}</fieldset>`
      : '';
    const radios = <V extends string>(name: string, legend: string, values: readonly V[], labels: Record<V, string>, current: V): string =>
      `<fieldset><legend>${legend}</legend>${values.map((v) => `<label><input type="radio" name="${name}" value="${v}"${checked(v === current)}> ${labels[v]}</label>`).join('')}</fieldset>`;
    main +=
      `<form method="post" action="manage">${hidden(token, ctx.lang)}` +
      `<fieldset><legend>${t.topics}</legend><label><input type="checkbox" name="all" value="1"${checked(sub.topics.all)}> ${t.all}</label>${committees}` +
      `<label for="documentTypes">${t.documentTypes}</label><textarea id="documentTypes" name="documentTypes" rows="3">${escapeHtml(sub.topics.documentTypes.join('\n'))}</textarea>` +
      `<label for="keywords">${t.keywords}</label><textarea id="keywords" name="keywords" rows="3">${escapeHtml(sub.topics.keywords.join('\n'))}</textarea></fieldset>` +
      radios('frequency', t.frequency, FREQUENCIES, t.frequencies, sub.frequency) +
      radios('language', t.mailLanguage, LANGUAGES, t.languages, sub.language) +
      `<button type="submit">${t.save}</button></form>`;
  }
  if (sub.status !== 'unsubscribed') main += `<h2>${t.unsubscribeHeading}</h2>${unsubscribeForm(ctx, token, 'secondary')}`;
  return layout(ctx, t.manageTitle, main);
}

/** The page of the unsubscribe link: one button (the one-click POST of mail clients needs none). */
export function unsubscribePage(ctx: PageContext, token: string, status: SubscriptionStatus): string {
  const t = TEXT[ctx.lang];
  const main = status === 'unsubscribed' ? paragraph(t.alreadyUnsubscribed, 'notice') : `${paragraph(t.unsubscribeIntro(ctx.bodyName ?? ''))}${unsubscribeForm(ctx, token)}`;
  return layout(ctx, t.unsubscribeTitle, main);
}

export function unsubscribedPage(ctx: PageContext): string {
  const t = TEXT[ctx.lang];
  return layout(ctx, t.unsubscribedTitle, paragraph(t.unsubscribedText(ctx.bodyName ?? ''), 'notice', 'status'));
}

/** The status a page answers with, and its text, by the API's status (410 depends on the page). */
const ERRORS: Partial<Record<number, [number, ErrorKey]>> = {
  400: [400, 'badRequest'],
  401: [404, 'unknownLink'],
  403: [403, 'unsubscribeOnly'],
  404: [404, 'notFound'],
  409: [409, 'notActive'],
  413: [413, 'badRequest'],
  415: [415, 'badRequest'],
  429: [429, 'tooMany'],
  503: [503, 'unavailable'],
};

/**
 * The page of a failed request: the status the reader gets (an unknown token is a 404 here, not
 * the API's 401: a page has no credentials to ask for) and what to do, by the API's status.
 */
export function errorPage(ctx: PageContext, status: number, page: PageName | null): { status: number; html: string } {
  const [answer, key]: [number, ErrorKey] =
    status === 410 ? [410, page === 'confirm' ? 'confirmGone' : 'manageGone'] : (ERRORS[status] ?? [status, status >= 500 ? 'failed' : 'badRequest']);
  const [title, text] = TEXT[ctx.lang].errors[key];
  return { status: answer, html: layout(ctx, title, paragraph(text, 'error')) };
}
