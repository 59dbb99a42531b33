/** The human view of `portfolio status`. */
import { formatAge, formatPct } from '../base/format.js';
import type { StatusReport } from './report.js';

function ms(v: number | null): string {
  return v === null ? '—' : `${Math.round(v)} ms`;
}

export function formatStatus(r: StatusReport, now: Date): string[] {
  const lines: string[] = [];
  const s = r.symbols;
  lines.push(`Symbols      ${s.total} held: ${s.fresh} fresh, ${s.stale} stale, ${s.missing} never fetched`);
  const warmAge = r.lastWarm ? formatAge((now.getTime() - Date.parse(r.lastWarm)) / 1000) : null;
  lines.push(`Last warm    ${r.lastWarm ? `${r.lastWarm} (${warmAge} ago)` : 'never'}`);
  if (r.daemon.running) {
    lines.push(`Daemon       running, pid ${r.daemon.pid}, heartbeat ${formatAge(r.daemon.heartbeatAgeSeconds)} ago (since ${r.daemon.startedAt})`);
  } else {
    lines.push(`Daemon       not running${r.daemon.heartbeat ? ` (last heartbeat ${r.daemon.heartbeat})` : ''}`);
  }
  const circuitNote = r.circuit === 'open' ? ' (provider failing: requests paused, cached data shown)' : r.circuit === 'half-open' ? ' (probing the provider)' : '';
  lines.push(`Circuit      ${r.circuit}${circuitNote}`);
  const m = r.metrics24h;
  lines.push('Last 24 h');
  lines.push(`  requests        ${m.apiCalls}${m.errorRate === null ? '' : `, ${formatPct(m.errorRate, 1)} failed`}`);
  lines.push(`  cache hit rate  ${formatPct(m.cacheHitRate, 1)}`);
  lines.push(`  dashboard       ${m.loads} loads, first frame p50 ${ms(m.loadMsP50)}, p95 ${ms(m.loadMsP95)}`);
  lines.push(`Notifications ${r.notificationsUnread} unread${r.notificationsUnread > 0 ? ' (portfolio notifications)' : ''}`);
  if (r.jobs.length > 0) {
    lines.push('Last job runs');
    for (const j of r.jobs) {
      const when = formatAge((now.getTime() - Date.parse(j.startedAt)) / 1000);
      const extra = [j.requests > 0 ? `${j.requests} requests` : '', j.message ?? ''].filter(Boolean).join(', ');
      lines.push(`  ${j.job.padEnd(13)} ${j.outcome.padEnd(8)} ${when.padStart(4)} ago${extra ? `  ${extra}` : ''}`);
    }
  }
  return lines;
}
