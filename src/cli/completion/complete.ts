/**
 * Answers one completion request (`portfolio complete -- WORD...`, sent by the shell scripts) with
 * @bomb.sh/tab's engine: which word is being completed (a command, an option, an option's value or
 * an argument) and the candidates, one `value<TAB>description` a line, then `:DIRECTIVE` (cobra's
 * protocol, which the zsh and fish scripts read). Values come from the spec and the database.
 */
import { RootCommand, type Command as TabCommand, type Complete } from '@bomb.sh/tab';
import { TX_TYPES } from '../../core/types.js';
import type { WordKind, WordSource } from '../../store/completion-words.js';
import type { CompletionSpec, SpecArgument, SpecOption } from './spec.js';

const OPTION_WORDS: Readonly<Record<string, WordKind>> = { symbol: 'symbols', benchmark: 'symbols', account: 'accounts', 'to-account': 'accounts', list: 'lists' };
const ARGUMENT_WORDS: Readonly<Record<string, WordKind>> = { symbol: 'symbols', symbols: 'symbols' };
/** Arguments that name a file: the shell's own file-name completion is kept for them. */
const FILE_ARGUMENTS = new Set(['file']);
const NO_FILE_COMPLETION = ':4';
const DEFAULT_COMPLETION = ':0';

type Handler = (complete: Complete) => void;

function offer(values: readonly string[]): Handler {
  return (complete) => {
    for (const v of values) complete(v, '');
  };
}

function optionHandler(o: SpecOption, source: WordSource): Handler | undefined {
  if (o.choices) return offer(o.choices);
  const kind = OPTION_WORDS[o.name];
  if (kind) return (complete) => offer(source.words(kind))(complete);
  return o.takesValue ? () => undefined : undefined;
}

function addOptions(cmd: TabCommand, options: readonly SpecOption[], source: WordSource): void {
  for (const o of options) {
    const handler = optionHandler(o, source);
    if (handler) cmd.option(o.name, o.description, handler, o.short);
    else if (o.short) cmd.option(o.name, o.description, o.short);
    else cmd.option(o.name, o.description);
  }
}

/** The candidates for `words` (the words after `portfolio`, the last one being completed). */
export function completeWords(spec: CompletionSpec, words: readonly string[], source: WordSource): string[] {
  const t = new RootCommand();
  let wantsFiles = false;
  const root = spec.commands.find((c) => c.path === '');
  const globals = (root?.options ?? []).filter((o) => o.name !== 'help' && o.name !== 'version');
  addOptions(t, root?.options ?? [], source);
  for (const c of spec.commands) {
    if (c.path === '') continue;
    const cmd = t.command(c.path, c.description);
    addOptions(cmd, [...c.options, ...globals], source);
    for (const a of c.arguments) cmd.argument(a.name, argumentHandler(c.path, a), a.variadic);
  }

  function argumentHandler(path: string, a: SpecArgument): Handler | undefined {
    if (a.choices) return offer(a.choices);
    if (path === 'add' && a.name === 'type') return offer(TX_TYPES);
    const kind = ARGUMENT_WORDS[a.name];
    if (kind) return (complete) => offer(source.words(kind))(complete);
    if (FILE_ARGUMENTS.has(a.name)) {
      return () => {
        wantsFiles = true;
      };
    }
    return undefined;
  }

  const lines = captureLog(() => t.parse(words.length === 0 ? [''] : [...words]));
  // A file argument with nothing else to offer: let the shell complete file names.
  if (wantsFiles && lines.length === 1 && lines[0] === NO_FILE_COMPLETION) lines[0] = DEFAULT_COMPLETION;
  return lines;
}

/** tab prints with console.log; this takes its lines instead, so the caller chooses the stream. */
export function captureLog(run: () => void): string[] {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.map(String).join(' '));
  try {
    run();
  } finally {
    console.log = log;
  }
  return lines;
}
