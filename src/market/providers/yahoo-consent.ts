/**
 * Yahoo's session cookies, the EU consent flow included. From an EU address the cookie request is
 * redirected (307) to guce.yahoo.com/consent, then (302) to consent.yahoo.com's collectConsent page:
 * a form (`class="consent-form"`) with hidden csrfToken, sessionId, originalDoneUrl and namespace,
 * posted back with agree=agree; copyConsent then sets the cookies that matter (A1, A3, GUC, ...).
 * Redirects are followed by hand so every hop's Set-Cookie is kept.
 */
import { MarketError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../http.js';

const MAX_HOPS = 10;

function setCookies(res: HttpResponse, jar: Map<string, string>): void {
  const raw = res.headers['set-cookie'];
  for (const c of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const pair = c.split(';')[0]?.trim() ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

const decode = (v: string) =>
  v.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The consent form's hidden fields, or null when the page is not the consent form. */
export function consentForm(html: string): Record<string, string> | null {
  if (!/class="consent-form"/.test(html)) return null;
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/type="hidden"/i.test(tag)) continue;
    const name = /\bname="([^"]+)"/i.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(tag)?.[1];
    if (name && value !== undefined) fields[name] = decode(value);
  }
  return fields.csrfToken && fields.sessionId ? fields : null;
}

/** Cookie header for Yahoo, starting at `startUrl`; consents when Yahoo asks. */
export async function yahooCookies(http: HttpClient, startUrl: string, signal?: AbortSignal, context?: string): Promise<string> {
  const jar = new Map<string, string>();
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = startUrl;
  let consented = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await http.request({ url, endpoint: 'cookie', headers: jar.size ? { cookie: header() } : {}, followRedirect: false, signal, context });
    setCookies(res, jar);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      url = new URL(location, url).href;
      continue;
    }
    const form = res.status === 200 && !consented ? consentForm(res.body) : null;
    if (!form) break;
    consented = true;
    const body = new URLSearchParams({ ...form, agree: 'agree' });
    body.append('agree', 'agree');
    const posted = await http.request({
      url, method: 'POST', body: body.toString(), endpoint: 'consent', followRedirect: false, signal, context,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(jar.size ? { cookie: header() } : {}) },
    });
    setCookies(posted, jar);
    const next = posted.headers.location;
    if (posted.status < 300 || posted.status >= 400 || typeof next !== 'string') throw new MarketError('http', `yahoo's consent form was not accepted (HTTP ${posted.status})`, { status: posted.status });
    url = new URL(next, url).href;
  }
  return header();
}
