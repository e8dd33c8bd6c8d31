import type { Browser } from 'playwright-core';
import { newToken, tokenHash } from '../src/modules/newsletter/newsletter.crypto';
import { bearer, startWithBody } from './support/app';
import { chromiumPresent, launchChromium } from './support/browser';
import { freePort } from './support/ports';
import { createCommittee } from './support/factories';
import { newsletterEnv, NewsletterTestWorker, startNewsletterWorker, TestSmtp } from './support/smtp';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** The browser's, for code that runs in the page (this project loads no DOM types). */
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const API = '/v1/bodies/musterstadt';
const NL = `${API}/newsletter`;
const PAGES = `${NL}/pages`;
const TOKEN = 'X-Newsletter-Token';

/** The link of a mail to one of the pages, e.g. `manage`, with its token. */
function pageLink(text: string, page: string): { url: string; token: string } {
  const match = new RegExp(`(http://\\S+/newsletter/pages/${page}\\?token=([A-Za-z0-9_-]{43}))`).exec(text);
  if (!match) throw new Error(`no ${page} link in mail: ${text}`);
  return { url: match[1], token: match[2] };
}

describe('newsletter pages (the fallback when the city has no pages of its own)', () => {
  let t: Ctx;
  let smtp: TestSmtp;
  let worker: NewsletterTestWorker;
  let committeeId: string;
  let base: string;
  const log: string[] = [];

  beforeAll(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    // Mail links must reach the browser: PUBLIC_URL is where this app listens.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startWithBody(newsletterEnv(smtp, { PUBLIC_URL: base, LOG_LEVEL: 'info' }), { logStream: { write: (line) => void log.push(line) } });
    await t.app.listen(port, '127.0.0.1');
    committeeId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' })).id;
    await createCommittee(t.ds, { bodyId: t.body.id, name: 'Schulausschuss' });
    worker = await startNewsletterWorker(t.config);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
    await smtp.stop();
  });

  /** Subscribes `email` through the API; the link of its confirmation mail. */
  async function confirmLink(email: string, language = 'de'): Promise<{ url: string; token: string }> {
    const before = smtp.to(email).length;
    await t
      .http()
      .post(`${NL}/subscriptions`)
      .send({ email, topics: { committees: [committeeId] }, frequency: 'immediate', language })
      .expect(202);
    await smtp.waitFor(() => smtp.to(email).length > before);
    const mail = smtp.to(email).at(-1)!;
    const link = pageLink(mail.text, 'confirm');
    expect(mail.html).toContain(`href="${link.url}"`);
    return link;
  }

  /** A confirmed subscription's manage token (through the API). */
  async function confirmed(email: string): Promise<string> {
    const { token } = await confirmLink(email);
    return (await t.http().post(`${NL}/confirm`).send({ token }).expect(200)).body.manageToken as string;
  }

  async function statusOf(email: string, manage: string): Promise<string> {
    const res = await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200);
    expect(res.body.email).toBe(email);
    return res.body.status as string;
  }

  function expectPageHeaders(headers: Record<string, string>): void {
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = headers['content-security-policy'].split('; ');
    expect(csp).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'none'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"]));
    expect(csp.find((d) => d.startsWith('style-src'))).toMatch(/^style-src 'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['set-cookie']).toBeUndefined();
  }

  it('links mails to the pages when the body names none of its own; a GET shows a button and confirms nothing', async () => {
    const { url, token } = await confirmLink('anna@musterstadt.example');
    expect(url).toBe(`${base}${PAGES}/confirm?token=${token}`);
    const path = new URL(url);
    const page = await t.http().get(`${path.pathname}${path.search}`).expect(200);
    expectPageHeaders(page.headers);
    expect(page.text).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(page.text).toContain('<h1>Newsletter-Abonnement bestätigen</h1>');
    expect(page.text).toContain('<form method="post" action="confirm">');
    expect(page.text).not.toMatch(/<script/i);
    // The GET used nothing: the same link still confirms.
    await t.http().get(`${path.pathname}${path.search}`).expect(200);
    const en = await t.http().get(`${path.pathname}${path.search}`).set('Accept-Language', 'fr-CH, en;q=0.8, de;q=0.5').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Confirm your newsletter subscription</h1>');
    const chosen = await t.http().get(`${path.pathname}${path.search}&lang=de`).set('Accept-Language', 'en').expect(200);
    expect(chosen.text).toContain('<html lang="de">');

    const done = await t.http().post(`${PAGES}/confirm`).type('form').send({ token }).expect(200);
    expectPageHeaders(done.headers);
    expect(done.text).toContain('<h1>Abonnement bestätigt</h1>');
    const manage = /href="manage\?token=([A-Za-z0-9_-]{43})&amp;lang=de"/.exec(done.text)![1];
    expect(await statusOf('anna@musterstadt.example', manage)).toBe('active');
    // Used now: the link says so, with a page.
    const used = await t.http().get(`${path.pathname}${path.search}`).set('Accept-Language', 'de-DE').expect(410);
    expectPageHeaders(used.headers);
    expect(used.text).toContain('wurde bereits verwendet oder ist abgelaufen');
    await t.http().post(`${PAGES}/confirm`).type('form').send({ token }).expect(410);
  });

  it('answers unknown, expired, malformed and wrong tokens with a page and the right status', async () => {
    const manage = await confirmed('bert@musterstadt.example');
    const forged = newToken();
    const cases: [string, number, string][] = [
      [`${PAGES}/confirm?token=${forged}`, 410, 'Link abgelaufen'],
      [`${PAGES}/manage?token=${forged}`, 404, 'Link ungültig'],
      [`${PAGES}/unsubscribe?token=${forged}`, 404, 'Link ungültig'],
      [`${PAGES}/manage?token=kurz`, 400, 'Ungültige Anfrage'],
      [`${PAGES}/manage`, 400, 'Ungültige Anfrage'],
      [`${PAGES}/manage?token=${manage}&extra=1`, 400, 'Ungültige Anfrage'],
      [`/v1/bodies/nirgendwo/newsletter/pages/manage?token=${manage}`, 404, 'Seite nicht gefunden'],
    ];
    for (const [url, status, heading] of cases) {
      const res = await t.http().get(url).expect(status);
      expectPageHeaders(res.headers);
      expect(res.text).toContain(`<h1>${heading}</h1>`);
      expect(res.text).not.toContain('bert@');
    }
    const english = await t.http().post(`${PAGES}/unsubscribe`).type('form').send({ token: forged, lang: 'en' }).expect(404);
    expect(english.text).toContain('<h1>Invalid link</h1>');

    // The unsubscribe token of a mail can only unsubscribe.
    await t.http().post(`${API}/sessions`).set(...bearer(t.keys.editor)).send({ name: 'Sitzung am Markt', start: '2031-05-12T17:00:00+02:00', committeeIds: [committeeId], publish: true }).expect(201);
    await smtp.waitFor(() => smtp.to('bert@musterstadt.example').length === 2);
    const off = pageLink(smtp.to('bert@musterstadt.example')[1].text, 'unsubscribe').token;
    const wrong = await t.http().get(`${PAGES}/manage?token=${off}`).expect(403);
    expect(wrong.text).toContain('kann nur abbestellen');
    expect(wrong.text).not.toContain('bert@');

    // Time passes for the manage token.
    await t.ds.query(`UPDATE newsletter_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [tokenHash(manage)]);
    const expired = await t.http().get(`${PAGES}/manage?token=${manage}`).set('Accept-Language', 'en-GB').expect(410);
    expect(expired.text).toContain('This link has expired or was replaced by a newer one');
    await t.http().post(`${PAGES}/manage`).type('form').send({ token: manage, frequency: 'weekly', language: 'de', all: '1' }).expect(410);
    expect((await t.ds.query(`SELECT frequency FROM newsletter_subscription WHERE id = (SELECT subscription_id FROM newsletter_token WHERE token_hash = $1)`, [tokenHash(manage)]))[0].frequency).toBe('immediate');
  });

  it('keeps the form as it was when the input is refused, and says why', async () => {
    const manage = await confirmed('carl@musterstadt.example');
    const none = await t.http().post(`${PAGES}/manage`).type('form').send({ token: manage, keywords: ' x \n', frequency: 'weekly', language: 'de' }).expect(400);
    expectPageHeaders(none.headers);
    expect(none.text).toContain('role="alert"');
    expect(none.text).toContain('Bitte wählen Sie mindestens ein Gremium');
    expect(none.text).toContain(`value="${committeeId}" checked`);
    const odd = await t
      .http()
      .post(`${PAGES}/manage`)
      .type('form')
      .send({ token: manage, committees: [committeeId, 'kein-gremium'], frequency: 'hourly', language: 'de', admin: '1' })
      .expect(400);
    expect(odd.text).toContain('<h1>Ungültige Anfrage</h1>');
    const view = await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200);
    expect(view.body).toMatchObject({ frequency: 'immediate', topics: { all: false, committees: [committeeId], keywords: [] } });
    const record = await t.http().get(`${NL}/subscription/export`).set(TOKEN, manage).expect(200);
    expect(record.body.consent.map((c: { action: string }) => c.action)).toEqual(['requested', 'confirmed']);
  });

  it('keeps the tokens of page links out of the request log', async () => {
    const manage = await confirmed('dora@musterstadt.example');
    const { token } = await confirmLink('emil@musterstadt.example');
    const from = log.length;
    await t.http().get(`${PAGES}/confirm?token=${token}`).expect(200);
    await t.http().get(`${PAGES}/manage?token=${manage}&lang=en`).expect(200);
    await t.http().get(`${PAGES}/unsubscribe?lang=de&token=${manage}`).expect(200);
    await t.http().post(`${PAGES}/unsubscribe`).type('form').send({ token: manage }).expect(200);
    const lines = log.slice(from);
    const urls = lines.map((l) => JSON.parse(l) as { req?: { url: string } }).flatMap((l) => (l.req ? [l.req.url] : []));
    expect(urls).toEqual([
      `${PAGES}/confirm?token=[redacted]`,
      `${PAGES}/manage?token=[redacted]&lang=en`,
      `${PAGES}/unsubscribe?lang=de&token=[redacted]`,
      `${PAGES}/unsubscribe`,
    ]);
    for (const secret of [token, manage]) expect(log.join('\n')).not.toContain(secret);
  });

  const browserSuite = 'newsletter pages in Chromium';
  (chromiumPresent(browserSuite) ? describe : describe.skip)(browserSuite, () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('confirms, changes the topics and unsubscribes through the pages, without a script, in German or English', async () => {
      const email = 'frieda@musterstadt.example';
      const german = await browser.newContext({ locale: 'de-DE' });
      const english = await browser.newContext({ locale: 'en-US' });
      try {
        // Confirm: the link shows a button; the button confirms.
        const confirm = await confirmLink(email);
        const page = await german.newPage();
        const shown = (await page.goto(confirm.url))!;
        expect(shown.status()).toBe(200);
        expectPageHeaders(shown.headers());
        expect(await page.getAttribute('html', 'lang')).toBe('de');
        expect(await page.locator('script').count()).toBe(0);
        // The page's own stylesheet passes its policy.
        expect(await page.locator('button').evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(0, 75, 135)');
        expect((await t.ds.query(`SELECT status FROM newsletter_subscription s JOIN newsletter_token t ON t.subscription_id = s.id WHERE t.token_hash = $1`, [tokenHash(confirm.token)]))[0].status).toBe('pending');
        await page.getByRole('button', { name: 'Abonnement bestätigen' }).click();
        await page.waitForSelector('h1:text-is("Abonnement bestätigt")');
        expect(await page.content()).not.toMatch(/<script/i);

        // News goes out; its mail links to the manage and unsubscribe pages.
        await t.http().post(`${API}/sessions`).set(...bearer(t.keys.editor)).send({ name: 'Sitzung zur Stadthalle', start: '2031-06-02T17:00:00+02:00', committeeIds: [committeeId], publish: true }).expect(201);
        await smtp.waitFor(() => smtp.to(email).length === 2);
        const digest = smtp.to(email)[1];
        const manage = pageLink(digest.text, 'manage');
        const unsubscribe = pageLink(digest.text, 'unsubscribe');
        expect(digest.html).toContain(`href="${manage.url}"`);
        expect(digest.html).toContain(`href="${unsubscribe.url}"`);

        // Manage, in English: change the topics and the frequency.
        const en = await english.newPage();
        const managed = (await en.goto(manage.url))!;
        expect(managed.status()).toBe(200);
        expect(await en.getAttribute('html', 'lang')).toBe('en');
        expect(await en.locator('h1').textContent()).toBe('Manage your newsletter subscription');
        expect(await en.locator('main strong').textContent()).toBe(email);
        expect(await en.locator('script').count()).toBe(0);
        expect(await en.getByLabel('Bauausschuss').isChecked()).toBe(true);
        await en.getByLabel('Bauausschuss').uncheck();
        await en.getByLabel('Schulausschuss').check();
        await en.getByLabel('Keywords in titles, one per line').fill('Radweg\nStadthalle');
        await en.getByLabel('weekly').check();
        await en.getByRole('button', { name: 'Save' }).click();
        await en.waitForSelector('text=Your settings are saved.');
        const school = (await t.ds.query(`SELECT id FROM committee WHERE name = 'Schulausschuss'`))[0].id as string;
        const view = await t.http().get(`${NL}/subscription`).set(TOKEN, manage.token).expect(200);
        expect(view.body).toMatchObject({ status: 'active', frequency: 'weekly', topics: { all: false, committees: [school], keywords: ['radweg', 'stadthalle'] } });
        expect(await en.getByLabel('Schulausschuss').isChecked()).toBe(true);
        // The language switch.
        await en.getByRole('link', { name: 'Deutsch' }).click();
        await en.waitForSelector('h1:text-is("Newsletter-Abonnement verwalten")');
        expect(await en.getAttribute('html', 'lang')).toBe('de');

        // Unsubscribe with the mail's link: one button.
        const off = await german.newPage();
        expect((await off.goto(unsubscribe.url))!.status()).toBe(200);
        expect(await off.locator('h1').textContent()).toBe('Newsletter abbestellen');
        expect(await off.locator('script').count()).toBe(0);
        await off.getByRole('button', { name: 'Newsletter abbestellen' }).click();
        await off.waitForSelector('h1:text-is("Newsletter abbestellt")');
        expect(await statusOf(email, manage.token)).toBe('unsubscribed');
        const record = await t.http().get(`${NL}/subscription/export`).set(TOKEN, manage.token).expect(200);
        expect(record.body.consent.map((c: { action: string; details: { via?: string } }) => [c.action, c.details.via ?? null])).toEqual([
          ['requested', null],
          ['confirmed', null],
          ['changed', null],
          ['unsubscribed', 'page'],
        ]);
      } finally {
        await german.close();
        await english.close();
      }
    });
  });
});
