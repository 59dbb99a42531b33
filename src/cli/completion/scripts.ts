/**
 * The scripts `portfolio completion SHELL` prints. zsh and fish: @bomb.sh/tab's (cobra's protocol).
 * bash: our own, because tab's needs the bash-completion package (_get_comp_words_by_ref), which
 * many machines lack, and builds its request with eval; this one sends the words as they are.
 * Each script calls `portfolio complete -- WORD...` and reads `value<TAB>description` lines.
 */
import { script } from '@bomb.sh/tab';
import { captureLog } from './complete.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

// bash splits the word under the cursor at COMP_WORDBREAKS (= and : among them), so the request
// is built from the line itself and each candidate is cut to the part after the last such break;
// for `--option=VALUE` the program answers with bare values, matched against the part after "=".
const BASH = `# bash completion for portfolio. Enable: source <(portfolio completion bash)
_portfolio_complete() {
  local line="\${COMP_LINE:0:COMP_POINT}" out entry cur text directive=4
  local -a words=() replies=()
  read -r -a words <<< "$line"
  [[ "$line" =~ [[:space:]]$ ]] && words+=("")
  ((\${#words[@]} > 0)) || return 0
  cur="\${words[\${#words[@]}-1]}"
  text="$cur"
  [[ "$COMP_WORDBREAKS" == *=* ]] && text="\${text##*=}"
  [[ "$COMP_WORDBREAKS" == *:* ]] && text="\${text##*:}"
  out=$(command portfolio complete -- "\${words[@]:1}" 2>/dev/null) || return 0
  while IFS= read -r entry; do
    [[ "$entry" == :* ]] && directive="\${entry:1}" && continue
    [[ -z "$entry" ]] && continue
    entry="\${entry%%$'\\t'*}"
    if [[ "$entry" == "$cur"* ]]; then
      replies+=("\${entry:\${#cur}-\${#text}}")
    elif [[ "$cur" == -*=* && "$entry" == "$text"* ]]; then
      replies+=("$entry")
    fi
  done <<< "$out"
  COMPREPLY=("\${replies[@]}")
  # Directive 0 with nothing offered (a file argument): bash's own file-name completion.
  if ((\${#replies[@]} == 0)) && [[ "$directive" == 0 ]]; then compopt -o default 2>/dev/null; fi
  return 0
}
complete -F _portfolio_complete portfolio
`;

export function completionScript(shell: Shell): string {
  if (shell === 'bash') return BASH;
  return `${captureLog(() => script(shell, 'portfolio', 'portfolio')).join('\n')}\n`;
}
