/**
 * The command tree that shell completion offers, taken from the commander program itself (so it
 * cannot drift from the CLI) and saved as JSON at build time (scripts/completion-spec.js): a
 * completion request then loads neither commander nor the command modules.
 */
import type { Command } from 'commander';

export interface SpecOption {
  /** Long name without dashes, e.g. `account`. */
  name: string;
  /** Short letter without the dash, if any. */
  short?: string;
  description: string;
  takesValue: boolean;
  choices?: string[];
}

export interface SpecArgument {
  name: string;
  variadic: boolean;
  choices?: string[];
}

export interface SpecCommand {
  /** Space-separated path below the root, e.g. `alert add`; '' is the root. */
  path: string;
  description: string;
  options: SpecOption[];
  arguments: SpecArgument[];
}

export interface CompletionSpec {
  commands: SpecCommand[];
}

function specOptions(cmd: Command): SpecOption[] {
  const out: SpecOption[] = [];
  for (const o of cmd.createHelp().visibleOptions(cmd)) {
    if (!o.long) continue;
    const entry: SpecOption = { name: o.long.replace(/^--/, ''), description: o.description, takesValue: o.required || o.optional };
    if (o.short) entry.short = o.short.replace(/^-/, '');
    if (o.argChoices?.length) entry.choices = [...o.argChoices];
    out.push(entry);
  }
  return out;
}

function specArguments(cmd: Command): SpecArgument[] {
  return cmd.registeredArguments.map((a) => ({ name: a.name(), variadic: a.variadic, ...(a.argChoices?.length ? { choices: [...a.argChoices] } : {}) }));
}

/** Walks the visible commands (hidden ones, such as `complete`, are left out). */
export function buildCompletionSpec(program: Command): CompletionSpec {
  const commands: SpecCommand[] = [];
  const walk = (cmd: Command, path: string): void => {
    commands.push({ path, description: path === '' ? '' : cmd.description(), options: specOptions(cmd), arguments: path === '' ? [] : specArguments(cmd) });
    for (const sub of cmd.createHelp().visibleCommands(cmd)) {
      if (sub.name() === 'help') continue;
      walk(sub, path ? `${path} ${sub.name()}` : sub.name());
    }
  };
  walk(program, '');
  return { commands };
}
