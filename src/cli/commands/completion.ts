import { Argument, type Command } from 'commander';
import type { Deps } from '../../deps.js';

const SHELLS = ['bash', 'zsh', 'fish'];

export function registerCompletion(program: Command, deps: Deps): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, options, symbols, accounts, watchlists)')
    .addHelpText('after', `\nExamples:
  $ portfolio completion bash > ~/.local/share/bash-completion/completions/portfolio
  $ source <(portfolio completion bash)     enable in this bash (or add the line to ~/.bashrc)
  $ source <(portfolio completion zsh)      the same for zsh (~/.zshrc)
  $ portfolio completion fish > ~/.config/fish/completions/portfolio.fish`)
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const { completionScript } = await import('../completion/scripts.js');
      deps.stdout.write(completionScript(shell));
    });
  // What the scripts call; bin/portfolio.js answers it before commander loads (this is for main()).
  program
    .command('complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[]) => {
      const { runComplete } = await import('../completion/run.js');
      deps.exitCode = await runComplete(words, { env: deps.env, stdout: deps.stdout });
    });
}
