/**
 * The first frame as plain text (optionally ANSI-coloured): written straight to stdout before Ink
 * is even imported, and the whole output on a non-TTY stdout. Same layout as the Ink App.
 */
import { sanitize } from '../base/sanitize.js';
import { fit, type Tone } from './format.js';
import { EMPTY_HELP, buildFrame, type FrameInput, type FrameModel, type Segment } from './frame.js';

const SGR: Record<Tone, string> = { up: '32', down: '31', flat: '', dim: '2', warn: '33', bad: '31' };

function paint(raw: string, tone: Tone, color: boolean, extra = ''): string {
  const text = sanitize(raw);
  if (!color) return text;
  const codes = [SGR[tone], extra].filter(Boolean).join(';');
  return codes ? `\x1b[${codes}m${text}\x1b[0m` : text;
}

function segments(segs: Segment[], color: boolean): string {
  return segs.map((s) => paint(s.text, s.tone, color, s.bold ? '1' : '')).join(paint(' · ', 'dim', color));
}

/** Lines of the frame, without trailing newlines. */
export function plainFrameLines(model: FrameModel, width: number, color: boolean, chartNote = 'chart after prices load…'): string[] {
  const lines: string[] = [];
  lines.push(segments(model.header, color));
  lines.push(segments(model.status, color));
  if (model.empty) {
    for (const l of EMPTY_HELP) lines.push(fit(l, width));
    return lines;
  }
  lines.push(paint(model.table.header, 'flat', color, '1'));
  for (const row of model.visible) {
    const text = row.cells.map((c) => paint(c.text, c.tone, color, row.selected ? '7' : '')).join(row.selected && color ? '\x1b[7m \x1b[0m' : ' ');
    lines.push(text);
  }
  lines.push(segments(model.detail, color));
  if (model.chartHeight > 0) {
    lines.push(paint(fit(chartNote, width), 'dim', color));
    for (let i = 1; i < model.chartHeight; i++) lines.push('');
  }
  lines.push(paint(model.legend, 'dim', color));
  return lines;
}

export function renderPlainFrame(input: FrameInput, color: boolean): string[] {
  return plainFrameLines(buildFrame(input), input.columns, color);
}
