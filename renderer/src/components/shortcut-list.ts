/** Every keyboard shortcut, as the help overlay shows it (use-shortcuts.ts implements them). */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['n'], what: 'New session' },
  { keys: ['j', '→'], what: 'Next card' },
  { keys: ['k', '←'], what: 'Previous card' },
  { keys: ['Enter'], what: 'Open the card: focus its terminal' },
  { keys: ['Ctrl', ']'], what: 'Leave the terminal (Esc goes to the agent)' },
  { keys: ['Esc'], what: 'Back to the grid / close a dialog' },
  { keys: ['a'], what: 'Approve the question of the current card' },
  { keys: ['d'], what: 'Deny the question of the current card' },
  { keys: ['x'], what: 'Select or unselect the current card' },
  { keys: ['Ctrl', 'a'], what: 'Select all cards' },
  { keys: ['/'], what: 'Search sessions by name' },
  { keys: ['j', 'k'], what: 'Changes: next / previous file (in the file list)' },
  { keys: [']', 'n'], what: 'Changes: next hunk, on to the next file' },
  { keys: ['[', 'p'], what: 'Changes: previous hunk' },
  { keys: [','], what: 'Settings' },
  { keys: ['?'], what: 'This help' },
];
